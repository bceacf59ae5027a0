using System.CommandLine;
using System.Runtime.InteropServices;
using Hyperfleet.Cli.Client;
using Hyperfleet.Video.ControlPlane;
using Hyperfleet.Video.Hypervisor;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Cli.Commands;

/// <summary>
/// <c>hyperfleet video-proxy</c>: a <c>hypervisor</c>-flavour host's own video proxy, in the foreground (systemd). It
/// reaches the control plane with the hypervisor's credential, gets its TLS certificate signed (its key stays here),
/// and serves browsers (wss) and remote-viewer (CONNECT) for the displays on 127.0.0.1.
/// </summary>
public static class VideoProxyCommand
{
    public static Command Create()
    {
        var hypervisor = new Option<string>("--hypervisor") { Description = "This host's hypervisor id", Required = true };
        var credentialFile = new Option<string?>("--credential-file")
        {
            Description = "File holding this hypervisor's credential (from 'hyperfleet hypervisor credential ID -o FILE'); default: $HYPERFLEET_CREDENTIAL",
        };
        var browser = new Option<string>("--browser-listen") { Description = "Browser (wss) listener, address:port", DefaultValueFactory = _ => "0.0.0.0:443" };
        var spice = new Option<string>("--spice-listen") { Description = "SPICE (HTTP CONNECT) listener, address:port", DefaultValueFactory = _ => "0.0.0.0:80" };
        var dataDir = new Option<string>("--data-dir") { Description = "Where its TLS key (0600) and certificate are kept", DefaultValueFactory = _ => "/var/lib/hyperfleet/video-proxy" };
        var command = new Command("video-proxy", "Run a hypervisor-flavour host's own video proxy (browser wss + SPICE CONNECT) in the foreground")
        {
            hypervisor, credentialFile, browser, spice, dataDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new HypervisorVideoProxyOptions
            {
                Server = parse.GetValue(GlobalOptions.Server) ?? Environment.GetEnvironmentVariable("HYPERFLEET_URL") ?? "",
                CaPin = GlobalOptions.Pin(parse),
                Hypervisor = parse.GetValue(hypervisor)!,
                Credential = ReadCredential(parse.GetValue(credentialFile)),
                BrowserEndpoint = parse.GetValue(browser)!,
                SpiceEndpoint = parse.GetValue(spice)!,
                DataDir = parse.GetValue(dataDir)!,
            };
            if (options.Validate() is { Count: > 0 } problems)
            {
                throw new CliException(string.Join(" ", problems), ExitCodes.Usage);
            }
            // Request logs would carry tickets in their paths: the framework logs warnings only.
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
            // SIGTERM (systemd) and Ctrl+C stop it cleanly: sessions cut and reported, then exit 0.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
            HypervisorVideoProxy proxy;
            try
            {
                proxy = await HypervisorVideoProxy.StartAsync(options, loggers, TimeProvider.System, stop.Token);
            }
            catch (ControlPlaneException e)
            {
                var message = e.Message.Contains($"[{e.Code}]", StringComparison.Ordinal) ? e.Message : $"{e.Message} [{e.Code}]";
                throw new CliException(message, e.Status is 401 or 403 ? ExitCodes.Unauthenticated : e.Status == 404 ? ExitCodes.NotFound : ExitCodes.Failed);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"{options.Server}: {e.Message}", ExitCodes.Unreachable);
            }
            await using (proxy)
            {
                Console.Out.WriteLine($"Video proxy of {options.Hypervisor}: browser on port {proxy.BrowserPort} (wss), SPICE on port {proxy.SpicePort}; Ctrl+C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // SIGTERM or Ctrl+C: cut and report the sessions, then stop.
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await proxy.StopAsync(grace.Token);
            }
            return 0;
        });
        return command;
    }

    private static string ReadCredential(string? file)
    {
        if (file is null)
        {
            return Environment.GetEnvironmentVariable("HYPERFLEET_CREDENTIAL")?.Trim() ?? "";
        }
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--credential-file {file}: {e.Message}", ExitCodes.Usage);
        }
    }
}
