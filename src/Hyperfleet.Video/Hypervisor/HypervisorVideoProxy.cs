using System.Security.Cryptography;
using Hyperfleet.Video.ControlPlane;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Video.Hypervisor;

/// <summary>
/// A <c>hypervisor</c>-flavour host's own video proxy (<c>hyperfleet video-proxy</c>, later hosted by the agent): it
/// asks the control plane, with the hypervisor's own credential, for its settings and the ticket key, gets its TLS
/// certificate signed (the key stays here), dials the displays on 127.0.0.1, reports its sessions, and renews its
/// certificate before it expires.
/// </summary>
public sealed partial class HypervisorVideoProxy : IAsyncDisposable
{
    /// <summary>Where a hypervisor's own proxy reaches its displays: they listen on loopback only on these hosts.</summary>
    public const string DisplayAddress = "127.0.0.1";

    private readonly ControlPlaneClient client;
    private readonly VideoProxy proxy;
    private readonly ProxyCertificate certificate;
    private readonly HypervisorVideoProxyOptions options;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private Task renewals = Task.CompletedTask;

    private HypervisorVideoProxy(ControlPlaneClient client, VideoProxy proxy, ProxyCertificate certificate, HypervisorVideoProxyOptions options, ILogger logger)
    {
        this.client = client;
        this.proxy = proxy;
        this.certificate = certificate;
        this.options = options;
        this.logger = logger;
    }

    public int BrowserPort => proxy.BrowserPort;

    /// <summary>The certificate it serves now (its agent checks its validity).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate => certificate.Current;
    public int SpicePort => proxy.SpicePort;

    /// <exception cref="ArgumentException">A setting is bad; the message names every one.</exception>
    /// <exception cref="ControlPlaneException">The control plane refused (credential, hypervisor) or could not be trusted (pin).</exception>
    public static async Task<HypervisorVideoProxy> StartAsync(HypervisorVideoProxyOptions options, ILoggerFactory loggers, TimeProvider time,
        CancellationToken ct)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        var client = await ControlPlaneClient.ConnectAsync(new Uri(options.Server), options.CaPin, options.Credential, ct);
        try
        {
            var config = await client.GetProxyConfigAsync(options.Hypervisor, ct);
            var certificate = await ProxyCertificate.LoadOrRequestAsync(client, options.Hypervisor, options.DataDir, options.RenewBefore, time, ct);
            var ticketKey = ECDsa.Create();
            ticketKey.ImportFromPem(config.TicketKey);
            var proxyOptions = new VideoProxyOptions
            {
                BrowserEndpoint = options.BrowserEndpoint,
                SpiceEndpoint = options.SpiceEndpoint,
                AllowedPorts = config.AllowedPorts,
                AllowedOrigins = config.AllowedOrigins,
                DialHost = DisplayAddress,
                ProxyName = options.Hypervisor,
            };
            var proxy = VideoProxy.Create(proxyOptions, ticketKey, new AllowList(config.DisplayHosts),
                new HttpViewerSessionSink(client, options.Hypervisor), () => certificate.Context,
                loggers);
            await proxy.StartAsync(ct);
            var running = new HypervisorVideoProxy(client, proxy, certificate, options, loggers.CreateLogger<HypervisorVideoProxy>());
            var hosts = string.Join(",", config.DisplayHosts);
            var notAfter = certificate.Current.NotAfter.ToUniversalTime();
            LogStarted(running.logger, options.Hypervisor, proxy.BrowserPort, proxy.SpicePort, hosts, notAfter);
            running.renewals = running.RenewLoopAsync(time);
            return running;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task RenewLoopAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    if (await certificate.RenewIfDueAsync(client, options.Hypervisor, options.RenewBefore, time, stopping.Token))
                    {
                        var notAfter = certificate.Current.NotAfter.ToUniversalTime();
                        LogRenewed(logger, notAfter);
                    }
                }
                catch (Exception e) when (e is ControlPlaneException or HttpRequestException or IOException or TaskCanceledException
                    && !stopping.IsCancellationRequested)
                {
                    LogRenewFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Cuts every session, reports them, stops listening.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        await renewals;
        await proxy.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await proxy.DisposeAsync();
        client.Dispose();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Video proxy of {Hypervisor}: browser (wss) on port {BrowserPort}, SPICE (CONNECT) on port {SpicePort}, displays of {Hosts} on 127.0.0.1; certificate valid until {NotAfter:u}")]
    private static partial void LogStarted(ILogger logger, string hypervisor, int browserPort, int spicePort, string hosts, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video proxy: certificate renewed, valid until {NotAfter:u}")]
    private static partial void LogRenewed(ILogger logger, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video proxy: certificate renewal failed ({Reason}); retried in 6 hours")]
    private static partial void LogRenewFailed(ILogger logger, string reason);
}
