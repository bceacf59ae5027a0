using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Certificates;

/// <summary>
/// The control plane's CA and TLS certificate in <c>&lt;data dir&gt;/tls</c>: the CA (<c>ca.key</c> 0600, <c>ca.crt</c>) is
/// made on first start and kept (agents pin its key); the server certificate (<c>server.key</c> 0600, <c>server.crt</c>) is
/// issued by it for the configured names and re-issued when it nears expiry or no longer covers them, unless the admin
/// provides one (<c>Hyperfleet:Tls:CertificateFile</c> + <c>KeyFile</c>). Private keys never leave this directory.
/// </summary>
public sealed partial class ControlPlaneCertificates
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;
    public const string CaCommonName = "Hyperfleet control plane CA";
    public const string ServerCommonName = "Hyperfleet control plane";

    private readonly string directory;
    private readonly TlsSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger<ControlPlaneCertificates> logger;
    private readonly Lock gate = new();
    private X509Certificate2? ca;
    private X509Certificate2? server;
    private X509Certificate2Collection serverChain = [];
    private SslStreamCertificateContext? serverContext;

    private readonly AcmeCertbot acme;

    public ControlPlaneCertificates(IOptions<HyperfleetOptions> options, IOptions<TlsSettings> settings, AcmeCertbot acme, TimeProvider time,
        ILogger<ControlPlaneCertificates> logger)
    {
        this.acme = acme;
        directory = Path.Combine(Path.GetFullPath(options.Value.DataDir), "tls");
        this.settings = settings.Value;
        this.time = time;
        this.logger = logger;
    }

    public string Directory => directory;
    public string CaCertificatePath => Path.Combine(directory, "ca.crt");
    public string CaKeyPath => Path.Combine(directory, "ca.key");
    public string ServerCertificatePath => Path.Combine(directory, "server.crt");
    public string ServerKeyPath => Path.Combine(directory, "server.key");

    /// <summary>The CA certificate, public part only (what <c>GET /api/v1/ca</c> serves and agents pin).</summary>
    public X509Certificate2 CaCertificate
    {
        get
        {
            var current = EnsuredCa();
            return X509CertificateLoader.LoadCertificate(current.RawData);
        }
    }

    public string CaPem => EnsuredCa().ExportCertificatePem() + "\n";

    /// <summary>The pin agents and the CLI (<c>--ca-pin</c>) check: <c>sha256:</c> + hex of the CA's SubjectPublicKeyInfo.</summary>
    public string CaPin => SpkiPin.Of(EnsuredCa());

    /// <summary>The current TLS certificate with its private key (Kestrel's https listeners, the video proxy serve hosts).</summary>
    public X509Certificate2 ServerCertificate
    {
        get
        {
            Ensure();
            lock (gate)
            {
                return server!;
            }
        }
    }

    /// <summary>Certificates to send after <see cref="ServerCertificate"/>: an admin-provided chain, or our CA.</summary>
    public X509Certificate2Collection ServerChain
    {
        get
        {
            Ensure();
            lock (gate)
            {
                return serverChain;
            }
        }
    }

    /// <summary>The TLS context of <see cref="ServerCertificate"/> with <see cref="ServerChain"/>, rebuilt when it is renewed.</summary>
    public SslStreamCertificateContext ServerCertificateContext
    {
        get
        {
            Ensure();
            lock (gate)
            {
                return serverContext ??= SslStreamCertificateContext.Create(server!, serverChain, offline: true);
            }
        }
    }

    /// <summary>Where the server certificate comes from, for the start banner.</summary>
    public string ServerOrigin => settings.AcmeEnabled ? $"ACME ({settings.Acme.Directory}) for {settings.Acme.Domain}"
        : settings.AdminProvided ? "admin-provided" : "from the control plane's CA";

    /// <summary>Names the generated server certificate must cover: configured ones, this machine's hostname, localhost and loopback.</summary>
    public IReadOnlyList<string> RequiredServerNames =>
        SubjectAltNames.Normalise([.. settings.Hostnames, Dns.GetHostName(), "localhost", "127.0.0.1", "::1"]);

    /// <summary>
    /// Loads or makes the CA and the server certificate. Throws <see cref="InvalidOperationException"/> naming every
    /// problem of admin-provided files (missing, unreadable, key not matching, expired).
    /// </summary>
    public void Ensure()
    {
        lock (gate)
        {
            if (server is not null)
            {
                return;
            }
            ca ??= LoadOrCreateCa();
            if (settings.AcmeEnabled)
            {
                (server, serverChain) = AdminProvidedCertificate.Load(acme.CertificateFile, acme.KeyFile, time.GetUtcNow());
            }
            else if (settings.AdminProvided)
            {
                (server, serverChain) = AdminProvidedCertificate.Load(settings.CertificateFile!, settings.KeyFile!, time.GetUtcNow());
                LogAdminProvided(logger, settings.CertificateFile!, server.NotAfter);
            }
            else
            {
                server = LoadOrIssueServer();
                serverChain = [X509CertificateLoader.LoadCertificate(ca.RawData)];
            }
        }
    }

    /// <summary>
    /// Re-issues the generated server certificate when it has at most <see cref="TlsSettings.ExpiryWarning"/> left; new
    /// connections get the new one at once. Returns the new certificate, or null when none was due (or it is the admin's).
    /// </summary>
    public X509Certificate2? RenewServerIfDue()
    {
        Ensure();
        if (settings.AdminProvided || settings.AcmeEnabled)
        {
            return null;
        }
        lock (gate)
        {
            if (server!.NotAfter.ToUniversalTime() - time.GetUtcNow() > settings.ExpiryWarning)
            {
                return null;
            }
            server = IssueServer();
            serverContext = null;
            return server;
        }
    }

    /// <summary>Whether the server certificate has at most <see cref="TlsSettings.ExpiryWarning"/> left (an ACME one is then renewed).</summary>
    public bool ServerDue => ServerCertificate.NotAfter.ToUniversalTime() - time.GetUtcNow() <= settings.ExpiryWarning;

    /// <summary>Takes the certificate certbot just renewed: new connections get it at once.</summary>
    public X509Certificate2 ReloadAcme()
    {
        var (renewed, chain) = AdminProvidedCertificate.Load(acme.CertificateFile, acme.KeyFile, time.GetUtcNow());
        lock (gate)
        {
            (server, serverChain) = (renewed, chain);
            serverContext = null;
            return renewed;
        }
    }

    /// <summary>Signs a host's request with the CA for exactly <paramref name="profile"/>'s names.</summary>
    /// <exception cref="CertificateRequestException">The request is refused.</exception>
    public X509Certificate2 Sign(string csrPem, LeafProfile profile) =>
        CertificateAuthority.Issue(EnsuredCa(), csrPem, profile, time.GetUtcNow());

    private X509Certificate2 EnsuredCa()
    {
        lock (gate)
        {
            return ca ??= LoadOrCreateCa();
        }
    }

    private X509Certificate2 LoadOrCreateCa()
    {
        PrepareDirectory();
        if (File.Exists(CaKeyPath))
        {
            if (!File.Exists(CaCertificatePath))
            {
                throw new InvalidOperationException(
                    $"{CaKeyPath} exists but {CaCertificatePath} does not: restore ca.crt from a backup (agents pin this CA's key), or remove ca.key to make a new CA.");
            }
            File.SetUnixFileMode(CaKeyPath, OwnerOnly);
            var loaded = X509Certificate2.CreateFromPemFile(CaCertificatePath, CaKeyPath);
            LogLoaded(logger, CaCertificatePath);
            return loaded;
        }
        var created = CertificateAuthority.CreateCa(CaCommonName, time.GetUtcNow());
        // The key is renamed into place last: its existence means the pair is complete.
        WriteAtomically(CaCertificatePath, created.ExportCertificatePem() + "\n", secret: false);
        WriteAtomically(CaKeyPath, created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        var pin = SpkiPin.Of(created);
        LogGeneratedCa(logger, CaCertificatePath, pin);
        return created;
    }

    private X509Certificate2 LoadOrIssueServer()
    {
        if (File.Exists(ServerCertificatePath) && File.Exists(ServerKeyPath))
        {
            File.SetUnixFileMode(ServerKeyPath, OwnerOnly);
            X509Certificate2 existing;
            try
            {
                existing = X509Certificate2.CreateFromPemFile(ServerCertificatePath, ServerKeyPath);
            }
            catch (CryptographicException e)
            {
                // A re-issue cut short between the two renames: nothing to keep, issue afresh.
                LogReissuing(logger, "server.crt and server.key do not load together: " + e.Message);
                return IssueServer();
            }
            var why = ReissueReason(existing);
            if (why is null)
            {
                return existing;
            }
            LogReissuing(logger, why);
        }
        return IssueServer();
    }

    private string? ReissueReason(X509Certificate2 existing)
    {
        if (existing.NotAfter.ToUniversalTime() - time.GetUtcNow() <= settings.ExpiryWarning)
        {
            return $"it expires {existing.NotAfter.ToUniversalTime():u}";
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(existing))
        {
            return "it is not issued by the current CA";
        }
        var missing = RequiredServerNames.Except(SubjectAltNames.Of(existing), StringComparer.Ordinal).ToList();
        return missing.Count > 0 ? "it does not cover " + string.Join(", ", missing) : null;
    }

    private X509Certificate2 IssueServer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey;
        var profile = new LeafProfile(ServerCommonName, RequiredServerNames, settings.ServerLifetime);
        using var issued = CertificateAuthority.Issue(ca!, publicKey, profile, time.GetUtcNow());
        var withKey = issued.CopyWithPrivateKey(key);
        WriteAtomically(ServerKeyPath + ".new", key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        WriteAtomically(ServerCertificatePath, withKey.ExportCertificatePem() + "\n", secret: false);
        File.Move(ServerKeyPath + ".new", ServerKeyPath, overwrite: true);
        var names = string.Join(", ", profile.SubjectAltNames);
        LogIssuedServer(logger, names, withKey.NotAfter);
        return withKey;
    }

    private void PrepareDirectory()
    {
        System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        // An existing directory keeps its mode on CreateDirectory: tighten it.
        File.SetUnixFileMode(directory, OwnerOnlyDirectory);
    }

    private static void WriteAtomically(string path, string text, bool secret)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        // A secret is created 0600 from its first byte, never widened by the umask and narrowed after.
        var mode = secret ? OwnerOnly : OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }
        File.Move(temp, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated the control plane's CA {Path}; agents pin {Pin}")]
    private static partial void LogGeneratedCa(ILogger logger, string path, string pin);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded the control plane's CA {Path}")]
    private static partial void LogLoaded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-issuing the server certificate: {Reason}")]
    private static partial void LogReissuing(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued the server certificate for {Names}, valid until {NotAfter}")]
    private static partial void LogIssuedServer(ILogger logger, string names, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the admin-provided server certificate {Path}, valid until {NotAfter}")]
    private static partial void LogAdminProvided(ILogger logger, string path, DateTime notAfter);
}
