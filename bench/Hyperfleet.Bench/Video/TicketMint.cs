using System.Security.Cryptography;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Video;

namespace Hyperfleet.Bench.Video;

/// <summary>The control plane's side of tickets: a P-256 key, and a fresh single-use ticket for each connection.</summary>
public sealed class TicketMint : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key (SubjectPublicKeyInfo, base64) the proxy verifies with.</summary>
    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    public string Ticket(ViewerProtocol protocol, string host, int port)
    {
        var now = DateTimeOffset.UtcNow;
        return ViewerTicketCodec.Sign(new ViewerTicket(Guid.NewGuid().ToString("N"), "bench", "d1", "hv1", host, port, protocol,
            now, now + TimeSpan.FromMinutes(1)), key);
    }

    public void Dispose() => key.Dispose();
}
