using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Server.Tests.Certificates;

/// <summary>
/// Debian's <c>pebble</c> (Let's Encrypt's ACME test server) with <c>pebble-challtestsrv</c> as its DNS (every name →
/// 127.0.0.1), on loopback ports of its own: a real ACME CA whose http-01 validation reaches the client on
/// <see cref="HttpPort"/>. Its own TLS certificate comes from a throwaway CA (<see cref="CaBundle"/>).
/// </summary>
public sealed class Pebble : IAsyncDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("hyperfleet-pebble-").FullName;
    private readonly List<Process> processes = [];

    public int AcmePort { get; } = FreePort();
    public int HttpPort { get; } = FreePort();
    private int DnsPort { get; } = FreePort();
    private int ManagementPort { get; } = FreePort();
    private int DnsManagementPort { get; } = FreePort();

    public Uri Directory => new($"https://127.0.0.1:{AcmePort}/dir");

    /// <summary>The CA of pebble's own https listener (for certbot's REQUESTS_CA_BUNDLE).</summary>
    public string CaBundle => Path.Combine(directory, "ca.pem");

    public static async Task<Pebble> StartAsync()
    {
        var pebble = new Pebble();
        try
        {
            await pebble.RunAsync();
            return pebble;
        }
        catch
        {
            await pebble.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pebble's issuing root (it makes a new one at every start), to check what it issued.</summary>
    public async Task<X509Certificate2> RootAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        return X509Certificate2.CreateFromPem(await http.GetStringAsync($"https://127.0.0.1:{ManagementPort}/roots/0"));
    }

    private async Task RunAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using var ca = CertificateAuthority.CreateCa("Hyperfleet test: pebble's TLS CA", now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = CertificateAuthority.Issue(ca, new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey,
            new LeafProfile("pebble", ["127.0.0.1", "localhost"]), now);
        await File.WriteAllTextAsync(CaBundle, ca.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), leaf.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem() + "\n");
        var config = new
        {
            pebble = new
            {
                listenAddress = $"127.0.0.1:{AcmePort}",
                managementListenAddress = $"127.0.0.1:{ManagementPort}",
                certificate = Path.Combine(directory, "cert.pem"),
                privateKey = Path.Combine(directory, "key.pem"),
                httpPort = HttpPort,
                tlsPort = FreePort(),
                ocspResponderURL = "",
                externalAccountBindingRequired = false,
            },
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "pebble.json"), System.Text.Json.JsonSerializer.Serialize(config));
        Start("pebble-challtestsrv", [], "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01", $"127.0.0.1:{DnsPort}",
            "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"127.0.0.1:{DnsManagementPort}");
        // No artificial waits, no nonces refused at random: the run is as fast and as deterministic as pebble allows.
        Start("pebble", new() { ["PEBBLE_VA_NOSLEEP"] = "1", ["PEBBLE_WFE_NONCEREJECT"] = "0" },
            "-config", Path.Combine(directory, "pebble.json"), "-dnsserver", $"127.0.0.1:{DnsPort}");
        await WaitForPortAsync(AcmePort);
        await WaitForPortAsync(DnsManagementPort);
    }

    private void Start(string program, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && processes.All(p => !p.HasExited))
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        System.IO.Directory.Delete(directory, recursive: true);
    }
}
