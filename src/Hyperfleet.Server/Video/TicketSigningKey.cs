using System.Security.Cryptography;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Video;

/// <summary>
/// The control plane's viewer-ticket key (ECDSA P-256), made on first start as <c>viewer-ticket.key</c> in the data
/// dir (0600). Only the control plane signs; proxies get the public half (<see cref="PublicKeyPem"/>), which verifies
/// tickets but cannot make one.
/// </summary>
public sealed class TicketSigningKey : IDisposable
{
    public const string FileName = "viewer-ticket.key";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly ECDsa key;

    public TicketSigningKey(IOptions<HyperfleetOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDir);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            // Written under a temporary name with its final mode, then moved: never a readable or half-written key.
            var temp = path + ".tmp";
            File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
            File.SetUnixFileMode(temp, OwnerOnly);
            File.Move(temp, path, overwrite: false);
        }
        File.SetUnixFileMode(path, OwnerOnly);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The key that signs tickets.</summary>
    public ECDsa PrivateKey => key;

    /// <summary>The public half, PEM (SubjectPublicKeyInfo), for proxies.</summary>
    public string PublicKeyPem { get; }

    /// <summary>A new verifier holding only the public half (what a proxy holds).</summary>
    public ECDsa CreateVerifier()
    {
        var verifier = ECDsa.Create();
        verifier.ImportFromPem(PublicKeyPem);
        return verifier;
    }

    public void Dispose() => key.Dispose();
}
