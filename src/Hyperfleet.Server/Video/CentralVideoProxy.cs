using Hyperfleet.Server.Certificates;
using Hyperfleet.Video;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Video;

/// <summary>
/// The central video proxy of <c>serve</c> (role <c>video</c>): the proxy of <see cref="Hyperfleet.Video"/> with the
/// control plane's own ticket key, the registry's allow-list, the ledger as its sink, and the control plane's TLS certificate.
/// </summary>
public sealed class CentralVideoProxy(
    IOptions<VideoProxyOptions> settings,
    TicketSigningKey key,
    VideoSettings videoSettings,
    ControlPlaneCertificates certificates,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, ICentralVideoProxy, IAsyncDisposable
{
    private VideoProxy? proxy;

    public bool IsRunning => proxy is not null;
    public int BrowserPort => proxy?.BrowserPort ?? 0;
    public int SpicePort => proxy?.SpicePort ?? 0;
    public bool BrowserTls => proxy?.BrowserTls ?? false;

    /// <summary>The proxy's own sessions (tests look at them).</summary>
    public ProxySessions? Sessions => proxy?.Sessions;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Value;
        options.ProxyName = ViewerService.CentralProxy;
        options.DialHost = null;
        var allowList = new RegistryVideoAllowList(scopes, AllowList.Split(options.AllowedHosts), time);
        proxy = VideoProxy.Create(options, key.CreateVerifier(), allowList, new LedgerSessionSink(scopes),
            videoSettings.BrowserTls ? () => certificates.ServerCertificateContext : null, loggers);
        await proxy.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (proxy is not null)
        {
            await proxy.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }
    }
}
