using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Video.ControlPlane;

namespace Hyperfleet.Video.Hypervisor;

/// <summary>
/// The TLS certificate of a hypervisor's own proxy: the key is made here and never leaves the host (only a CSR is
/// sent); the control plane's CA signs it for the hypervisor's names. Kept in the data dir (key 0600) and renewed
/// before it expires, so no file is ever copied by hand.
/// </summary>
public sealed class ProxyCertificate
{
    public const string KeyFile = "video-proxy.key";
    public const string CertificateFile = "video-proxy.crt";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string directory;
    private X509Certificate2 current;
    private SslStreamCertificateContext context;

    private ProxyCertificate(string directory, X509Certificate2 current)
    {
        this.directory = directory;
        this.current = current;
        context = SslStreamCertificateContext.Create(current, null, offline: true);
    }

    /// <summary>The certificate served now (with its key).</summary>
    public X509Certificate2 Current => Volatile.Read(ref current);

    /// <summary>The TLS context of <see cref="Current"/>, for the proxy's browser listener.</summary>
    public SslStreamCertificateContext Context => Volatile.Read(ref context);

    /// <summary>The kept certificate when it is still good and from the pinned CA; else a new key and a signed certificate.</summary>
    public static async Task<ProxyCertificate> LoadOrRequestAsync(ControlPlaneClient client, string hypervisor, string directory,
        TimeSpan renewBefore, TimeProvider time, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, OwnerOnly | UnixFileMode.UserExecute);
        var kept = TryLoad(directory);
        if (kept is not null && !NeedsRenewal(kept, renewBefore, time) && IssuedBy(kept, client.Ca))
        {
            return new ProxyCertificate(directory, kept);
        }
        kept?.Dispose();
        return new ProxyCertificate(directory, await RequestAsync(client, hypervisor, directory, ct));
    }

    /// <summary>Renews when due; returns whether it did.</summary>
    public async Task<bool> RenewIfDueAsync(ControlPlaneClient client, string hypervisor, TimeSpan renewBefore, TimeProvider time, CancellationToken ct)
    {
        if (!NeedsRenewal(Current, renewBefore, time))
        {
            return false;
        }
        // The old one stays in use by connections already open; new handshakes get the new one.
        var renewed = await RequestAsync(client, hypervisor, directory, ct);
        Volatile.Write(ref context, SslStreamCertificateContext.Create(renewed, null, offline: true));
        Volatile.Write(ref current, renewed);
        return true;
    }

    private static bool NeedsRenewal(X509Certificate2 certificate, TimeSpan renewBefore, TimeProvider time) =>
        certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime <= renewBefore;

    // Over plain http there is no pinned CA to compare with: a kept certificate is then taken as it is.
    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2? ca) =>
        ca is null || certificate.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData);

    private static async Task<X509Certificate2> RequestAsync(ControlPlaneClient client, string hypervisor, string directory, CancellationToken ct)
    {
        // The control plane decides the names (the hypervisor's hostname and proxy_video_host): the request asks for none.
        var request = CertificateAuthority.CreateRequest(hypervisor, []);
        var signed = await client.SignAsync(hypervisor, request.CsrPem, ct);
        var certificate = X509Certificate2.CreateFromPem(signed.Certificate, request.PrivateKeyPem);
        Write(Path.Combine(directory, KeyFile), request.PrivateKeyPem);
        Write(Path.Combine(directory, CertificateFile), signed.Certificate);
        return certificate;
    }

    private static X509Certificate2? TryLoad(string directory)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile));
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    // A temporary file with its final mode, then renamed: never a readable or half-written key.
    private static void Write(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.SetUnixFileMode(temp, OwnerOnly);
        File.Move(temp, path, overwrite: true);
    }
}
