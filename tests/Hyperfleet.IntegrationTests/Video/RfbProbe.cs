using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// The first steps of the RFB (VNC) protocol against a display, as any VNC client on the hypervisor's network would
/// take them: which security types it offers, and whether a password opens it (VNC authentication, RFC 6143 §7.2.2).
/// </summary>
public static class RfbProbe
{
    public const byte SecurityNone = 1;
    public const byte SecurityVncAuth = 2;

    /// <summary>Connects, agrees on RFB 3.8 and, when a password is given and VNC authentication offered, tries it.</summary>
    /// <returns>The security types offered, and whether the password was accepted (null when none was tried).</returns>
    public static async Task<(byte[] Offered, bool? Accepted)> TryAsync(string host, int port, string? password, CancellationToken ct = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, ct);
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        var version = await ReadExactlyAsync(stream, 12, ct);
        if (!Encoding.ASCII.GetString(version).StartsWith("RFB 003.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("not an RFB server: " + Encoding.ASCII.GetString(version));
        }
        await stream.WriteAsync("RFB 003.008\n"u8.ToArray(), ct);
        var count = (await ReadExactlyAsync(stream, 1, ct))[0];
        var offered = await ReadExactlyAsync(stream, count, ct);
        if (password is null || !offered.Contains(SecurityVncAuth))
        {
            return (offered, null);
        }
        await stream.WriteAsync(new[] { SecurityVncAuth }, ct);
        var challenge = await ReadExactlyAsync(stream, 16, ct);
        await stream.WriteAsync(Respond(challenge, password), ct);
        var result = await ReadExactlyAsync(stream, 4, ct);
        return (offered, result.All(b => b == 0));
    }

    // The challenge encrypted with DES, the key being the password's first 8 bytes with each byte's bits mirrored.
    private static byte[] Respond(byte[] challenge, string password)
    {
        var key = new byte[8];
        var bytes = Encoding.Latin1.GetBytes(password);
        for (var i = 0; i < 8 && i < bytes.Length; i++)
        {
            key[i] = Mirror(bytes[i]);
        }
#pragma warning disable CA5351 // DES is what the RFB protocol's VNC authentication is; this is a test client of it.
        using var des = DES.Create();
#pragma warning restore CA5351
        des.Key = key;
        return des.EncryptEcb(challenge, PaddingMode.None);
    }

    private static byte Mirror(byte b)
    {
        byte r = 0;
        for (var i = 0; i < 8; i++)
        {
            r = (byte)((r << 1) | ((b >> i) & 1));
        }
        return r;
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, ct);
        return buffer;
    }
}
