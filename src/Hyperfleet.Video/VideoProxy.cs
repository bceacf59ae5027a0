using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Video;

/// <summary>
/// A running video proxy: the browser (WebSocket) listener and the SPICE (CONNECT) listener on their own Kestrel, no
/// database, so that <c>serve</c> (the central proxy) and <c>hyperfleet video-proxy</c> (a hypervisor's own) run the same thing.
/// </summary>
public sealed class VideoProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ListenOptions browser;
    private readonly ListenOptions spice;

    private VideoProxy(WebApplication app, ListenOptions browser, ListenOptions spice, bool tls)
    {
        this.app = app;
        this.browser = browser;
        this.spice = spice;
        BrowserTls = tls;
    }

    /// <summary>The browser listener's bound port (the real one when configured as 0).</summary>
    public int BrowserPort => browser.IPEndPoint!.Port;

    /// <summary>The SPICE listener's bound port.</summary>
    public int SpicePort => spice.IPEndPoint!.Port;

    public bool BrowserTls { get; }

    public ProxySessions Sessions => app.Services.GetRequiredService<ProxySessions>();

    /// <summary>Builds a proxy; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Its settings (validated: see <see cref="VideoProxyOptionsValidator"/>).</param>
    /// <param name="ticketKey">The control plane's public ticket key.</param>
    /// <param name="hosts">The hosts it may dial.</param>
    /// <param name="sink">Where it reports sessions.</param>
    /// <param name="certificate">
    /// The browser listener's TLS certificate with its key and chain, asked for at every handshake (so a renewal applies to
    /// the next connection); null serves plain <c>ws://</c>.
    /// </param>
    /// <param name="loggers">Where it logs: the hosting process's logger factory (its providers and filters); null logs nothing.</param>
    /// <exception cref="ArgumentException">A setting is bad; the message names every one.</exception>
    public static VideoProxy Create(VideoProxyOptions options, ECDsa ticketKey, IVideoAllowList hosts, IViewerSessionSink sink,
        Func<SslStreamCertificateContext>? certificate, ILoggerFactory? loggers = null)
    {
        var problems = VideoProxyOptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        if (!PortRanges.TryParse(options.AllowedPorts, out var ports, out var portError))
        {
            throw new ArgumentException(portError, nameof(options));
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggers is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));
        }
        ListenOptions? browserListen = null, spiceListen = null;
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPEndPoint.Parse(options.BrowserEndpoint), listen =>
            {
                browserListen = listen;
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        // Kestrel wants a selector; the handshake uses the current context (certificate + chain).
                        ServerCertificateSelector = (_, _) => certificate().TargetCertificate,
                        OnAuthenticate = (_, ssl) =>
                        {
                            ssl.ServerCertificateSelectionCallback = null;
                            ssl.ServerCertificate = null;
                            ssl.ServerCertificateContext = certificate();
                        },
                    });
                }
            });
            kestrel.Listen(IPEndPoint.Parse(options.SpiceEndpoint), listen =>
            {
                spiceListen = listen;
                listen.UseConnectionHandler<SpiceConnectHandler>();
            });
        });
        // Embedded: the hosting process (serve, video-proxy) owns the signals and stops the proxy itself; a console
        // lifetime of its own would also catch SIGTERM and stop it behind the owner's back.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ProxySessions(ticketKey, hosts, ports, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<DisplayDialer>();
        builder.Services.AddSingleton(sink);
        builder.Services.AddSingleton<SessionReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionReporter>());
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.PingInterval });
        // A viewer whose browser does not trust this proxy's certificate yet opens this page once to see why.
        app.MapGet("/", () => Results.Text("Hyperfleet video proxy: viewers connect here with a ticket.\n"));
        app.MapGet("/{host}/{port:int}/{ticket}", (HttpContext context, string host, int port, string ticket,
            ProxySessions sessions, DisplayDialer dialer) => WebSocketBridge.HandleAsync(context, host, port, ticket, sessions, dialer, options));
        return new VideoProxy(app, browserListen!, spiceListen!, certificate is not null);
    }

    public Task StartAsync(CancellationToken ct = default) => app.StartAsync(ct);

    /// <summary>Cuts every session (reason <c>proxy_stopping</c>), reports them, then stops listening.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        foreach (var session in Sessions.Open)
        {
            session.CutNow(EndReasons.ProxyStopping);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (Sessions.Open.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }
        using var report = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.Services.GetRequiredService<SessionReporter>().ReportOnceAsync(report.Token);
        await app.StopAsync(ct);
    }

    /// <summary>Waits until the host stops (for <c>hyperfleet video-proxy</c> in the foreground).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => app.WaitForShutdownAsync(ct);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // The proxy's own host logs through the hosting process's providers and filters.
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
