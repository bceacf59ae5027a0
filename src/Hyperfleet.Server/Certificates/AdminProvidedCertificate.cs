using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hyperfleet.Server.Certificates;

/// <summary>
/// The admin's own server certificate (<c>Hyperfleet:Tls:CertificateFile</c> + <c>KeyFile</c>, e.g. Let's Encrypt's
/// fullchain.pem and privkey.pem), checked at start: missing, unreadable, key not matching, expired or not yet valid.
/// </summary>
public static class AdminProvidedCertificate
{
    /// <summary>Loads and checks admin-provided PEM files, naming every problem at once.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) Load(string certificateFile, string keyFile,
        DateTimeOffset now)
    {
        var problems = new List<string>();
        X509Certificate2Collection? certificates = null;
        AsymmetricAlgorithm? key = null;
        if (!File.Exists(certificateFile))
        {
            problems.Add($"Hyperfleet:Tls:CertificateFile: {certificateFile} does not exist.");
        }
        else
        {
            try
            {
                certificates = [];
                certificates.ImportFromPemFile(certificateFile);
                if (certificates.Count == 0)
                {
                    problems.Add($"Hyperfleet:Tls:CertificateFile: {certificateFile} holds no PEM certificate.");
                }
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"Hyperfleet:Tls:CertificateFile: cannot read {certificateFile}: {e.Message}");
                certificates = null;
            }
        }
        if (!File.Exists(keyFile))
        {
            problems.Add($"Hyperfleet:Tls:KeyFile: {keyFile} does not exist.");
        }
        else
        {
            key = ReadKey(keyFile, problems);
        }
        var leaf = certificates is { Count: > 0 } ? certificates[0] : null;
        if (leaf is not null)
        {
            if (leaf.NotAfter.ToUniversalTime() < now)
            {
                problems.Add($"Hyperfleet:Tls:CertificateFile: {certificateFile} expired on {leaf.NotAfter.ToUniversalTime():u}.");
            }
            else if (leaf.NotBefore.ToUniversalTime() > now)
            {
                problems.Add($"Hyperfleet:Tls:CertificateFile: {certificateFile} is not valid before {leaf.NotBefore.ToUniversalTime():u}.");
            }
        }
        if (leaf is not null && key is not null && !leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            problems.Add($"Hyperfleet:Tls:KeyFile: {keyFile} is not the key of the certificate in {certificateFile}.");
        }
        if (problems.Count > 0)
        {
            key?.Dispose();
            throw new InvalidOperationException("The admin-provided TLS certificate cannot be used: " + string.Join(" ", problems));
        }
        var withKey = key switch
        {
            ECDsa ec => leaf!.CopyWithPrivateKey(ec),
            RSA rsa => leaf!.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException("unreachable"),
        };
        var chain = new X509Certificate2Collection();
        for (var i = 1; i < certificates!.Count; i++)
        {
            chain.Add(certificates[i]);
        }
        return (withKey, chain);
    }

    private static AsymmetricAlgorithm? ReadKey(string keyFile, List<string> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"Hyperfleet:Tls:KeyFile: cannot read {keyFile}: {e.Message}");
            return null;
        }
        foreach (var make in new Func<AsymmetricAlgorithm>[] { () => ECDsa.Create(), () => RSA.Create() })
        {
            var key = make();
            try
            {
                key.ImportFromPem(text);
                return key;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                key.Dispose();
            }
        }
        problems.Add($"Hyperfleet:Tls:KeyFile: {keyFile} holds no unencrypted PEM ECDSA or RSA private key.");
        return null;
    }
}
