using Hyperfleet.Core.Configuration;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Engine;
using Hyperfleet.Agent.Overlay;
using Hyperfleet.Video.ControlPlane;
using Hyperfleet.Video.Hypervisor;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Agent;

/// <summary>
/// <c>hyperfleet agent</c>: the seeds' self-registration flow, driven by the host. It registers over the pinned TLS channel
/// (sending its SSH host key), installs the control plane's SSH key, waits for its configuration, serves its own video
/// proxy (flavour <c>hypervisor</c>), proves what it can do, enables itself, and reports until it is stopped; then it
/// deregisters, so a reboot is an Offline with reason <c>agent_stopped</c>, never an Error storm.
/// </summary>
public sealed partial class HypervisorAgent(AgentSettings settings, ILoggerFactory loggers, TimeProvider time)
{
    /// <summary>Exit code when the control plane refused this host for good (token, pin, host key, settings).</summary>
    public const int ExitRefused = 1;

    /// <summary>How many heartbeats pass between two full runs of the self-checks.</summary>
    private const int BeatsPerFullCheck = 12;

    private static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger logger = loggers.CreateLogger<HypervisorAgent>();
    private readonly SelfChecks checks = new(settings, time);
    private readonly AgentOverlay overlay = new(settings, time);
    private HypervisorVideoProxy? videoProxy;
    private string? credential;
    private string? underlayAddress;
    private string? overlayError;
    private VpnTunnelingMode? wantedMode;

    public static string Version { get; } =
        typeof(HypervisorAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs until <paramref name="stop"/> (SIGTERM), then deregisters. Returns the process's exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        string hostKey;
        try
        {
            hostKey = (await File.ReadAllTextAsync(settings.SshHostKeyFile, stop)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRefused(logger, $"cannot read the SSH host key HYPER_SSH_HOST_KEY={settings.SshHostKeyFile}: {e.Message}");
            return ExitRefused;
        }
        var backoff = new Backoff(TimeSpan.FromSeconds(1), settings.RetryCap, Random.Shared);
        AgentClient? agent = null;
        try
        {
            (agent, var config) = await JoinAsync(hostKey, backoff, stop);
            if (agent is null)
            {
                return ExitRefused;
            }
            // Every attempt is also a report: waiting longer than a heartbeat would make a host with a failing check look
            // silent between its attempts.
            var retries = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Max(1, config!.HeartbeatSeconds)), Random.Shared);
            using var overlayStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var overlayLoop = config.Vpn is null ? Task.CompletedTask : OverlayLoopAsync(agent, config.Vpn, overlayStop.Token);
            var vlans = Task.CompletedTask;
            try
            {
                var report = await EnableAsync(agent, config, retries, stop);
                vlans = VlansAsync(agent, overlayStop.Token);
                await HeartbeatAsync(agent, config!, report, stop);
            }
            finally
            {
                await overlayStop.CancelAsync();
                await overlayLoop;
                await vlans;
            }
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (ControlPlaneException e) when (!IsTransient(e))
        {
            LogRefused(logger, e.Message);
            return ExitRefused;
        }
        finally
        {
            if (videoProxy is not null)
            {
                using var limit = new CancellationTokenSource(DeregisterTimeout);
                await videoProxy.StopAsync(limit.Token);
                await videoProxy.DisposeAsync();
            }
            if (agent is not null && stop.IsCancellationRequested)
            {
                await DeregisterAsync(agent);
            }
            agent?.ControlPlane.Dispose();
        }
    }

    /// <summary>Registers (token, or the credential kept from an earlier run) and waits until the configuration is ready.</summary>
    private async Task<(AgentClient?, AgentConfigResponse?)> JoinAsync(string hostKey, Backoff backoff, CancellationToken stop)
    {
        var server = new Uri(settings.Server);
        var stored = File.Exists(settings.CredentialPath) ? (await File.ReadAllTextAsync(settings.CredentialPath, stop)).Trim() : null;
        if (stored is null && settings.Token is null)
        {
            LogRefused(logger, $"no enrollment token ({AgentSettingsReader.TokenKey}) and no credential in {settings.CredentialPath}: nothing to register with");
            return (null, null);
        }
        while (true)
        {
            ControlPlaneClient? client = null;
            try
            {
                // The pin is checked before anything is sent: a server without the pinned CA never sees the token.
                client = await ControlPlaneClient.ConnectAsync(server, settings.CaPin, stored, stop);
                var agent = new AgentClient(client);
                var hostname = settings.Hostname ?? LocalAddressTowards(server);
                var registration = await agent.RegisterAsync(
                    new AgentRegistrationRequest(settings.Token, settings.ToRequest(hostname), hostKey, Version, await overlay.PublicKeyAsync(stop)), stop);
                underlayAddress = IPAddress.TryParse(hostname, out _) ? hostname : (await Dns.GetHostAddressesAsync(hostname, AddressFamily.InterNetwork, stop))[0].ToString();
                if (registration.Credential is { } issued)
                {
                    Directory.CreateDirectory(settings.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    await PrivateFile.WriteAllTextAsync(settings.CredentialPath, issued + "\n", stop);
                    client.UseCredential(issued);
                    stored = issued;
                    ForgetToken();
                }
                credential = stored;
                LogRegistered(logger, registration.Hypervisor.Id, hostname, registration.Created ? "new" : "known", registration.Hypervisor.SshHostKeyFingerprint ?? "");
                var (file, added) = AuthorizedKeys.Install(settings.SshUser, registration.ControlPlaneSshKey);
                if (added)
                {
                    LogKeyInstalled(logger, file);
                }
                var config = await ConfigAsync(agent, stop);
                client = null;
                return (agent, config);
            }
            catch (ControlPlaneException e) when (e.Code == "ca_pin_mismatch")
            {
                LogRefused(logger, e.Message);
                return (null, null);
            }
            catch (Exception e) when (IsTransient(e) && !stop.IsCancellationRequested)
            {
                var wait = backoff.Next();
                LogRetrying(logger, "registration", e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stop);
            }
            finally
            {
                client?.Dispose();
            }
        }
    }

    /// <summary>
    /// The token did its work: the credential replaces it, so it is blanked in the config file (a secret that can register
    /// more hosts should not outlive its use on this one).
    /// </summary>
    private void ForgetToken()
    {
        if (settings.ConfigPath is not { } path || settings.Token is null || !File.Exists(path))
        {
            return;
        }
        try
        {
            File.WriteAllText(path, Core.Configuration.CfgFile.Set(File.ReadAllText(path), AgentSettingsReader.TokenKey, ""));
            LogTokenForgotten(logger, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only config (e.g. from a config manager) keeps it: the credential is used first anyway.
            LogTokenKept(logger, path, e.Message);
        }
    }

    private async Task<AgentConfigResponse> ConfigAsync(AgentClient agent, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                return await agent.ConfigAsync(stop);
            }
            catch (ControlPlaneException e) when (e.Status == 428)
            {
                var wait = e.RetryAfter ?? TimeSpan.FromSeconds(2);
                LogRetrying(logger, "configuration", e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stop);
            }
        }
    }

    /// <summary>Runs the checks until they all pass and the control plane enables the host (or an admin holds it disabled).</summary>
    private async Task<AgentChecksRequest> EnableAsync(AgentClient agent, AgentConfigResponse config, Backoff backoff, CancellationToken stop)
    {
        while (true)
        {
            var report = await CheckAsync(agent, config, testDomain: true, stop);
            try
            {
                var hypervisor = await agent.EnableAsync(report, stop);
                var names = string.Join(", ", report.Checks.Select(c => c.Name));
                LogEnabled(logger, hypervisor.Id, names);
                return report;
            }
            catch (ControlPlaneException e) when (e.Code == AgentProblemCodes.DisabledByAdmin)
            {
                LogHeld(logger, e.Message);
                return report;
            }
            catch (Exception e) when ((e is ControlPlaneException { Code: AgentProblemCodes.ChecksFailed } || IsTransient(e)) && !stop.IsCancellationRequested)
            {
                var wait = backoff.Next();
                LogRetrying(logger, "self-checks", e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stop);
            }
        }
    }

    private async Task HeartbeatAsync(AgentClient agent, AgentConfigResponse config, AgentChecksRequest report, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, config.HeartbeatSeconds)), time);
        var beats = 0;
        while (await timer.WaitForNextTickAsync(stop))
        {
            if (++beats % BeatsPerFullCheck == 0)
            {
                report = await CheckAsync(agent, config, testDomain: false, stop);
            }
            try
            {
                var hypervisor = await agent.HeartbeatAsync(report with { Tunnel = await overlay.ReportAsync(stop) }, stop);
                if (overlay.Config is { } applied && WireNames.Of(hypervisor.VpnTunnelingMode) != applied.Mode)
                {
                    wantedMode = hypervisor.VpnTunnelingMode;
                }
            }
            catch (Exception e) when (IsTransient(e) && !stop.IsCancellationRequested)
            {
                LogHeartbeatFailed(logger, e.Message);
            }
        }
    }

    private async Task<AgentChecksRequest> CheckAsync(AgentClient agent, AgentConfigResponse config, bool testDomain, CancellationToken stop)
    {
        // libvirt and storage do not depend on each other: checked at once.
        var libvirt = settings.CapHypervisor ? checks.LibvirtAsync(testDomain, stop) : null;
        var storage = settings.CapDiskOperations ? checks.StorageAsync(config.StoragePools, stop) : null;
        var results = new List<AgentCheck>();
        foreach (var check in new[] { libvirt, storage })
        {
            if (check is not null)
            {
                results.Add(await check);
            }
        }
        results.Add(AuthorizedKeys.IsInstalled(settings.SshUser, config.ControlPlaneSshKey)
            ? new AgentCheck(AgentCheckNames.SshKey, true, $"the control plane's key is in {settings.SshUser}'s authorized_keys")
            : Reinstall(config.ControlPlaneSshKey));
        if (config.VideoProxy)
        {
            results.Add(await VideoProxyAsync(agent, stop));
        }
        results.Add(checks.Certificates(agent.ControlPlane.Ca, videoProxy?.Certificate));
        if (config.Vpn is { } vpn)
        {
            results.Add(await OverlayCheckAsync(vpn, stop));
        }
        results.Add(new AgentCheck(AgentCheckNames.ControlPlane, true, $"{settings.Server} answers over TLS pinned to {settings.CaPin}"));
        foreach (var failed in results.Where(c => !c.Ok))
        {
            LogCheckFailed(logger, failed.Name, failed.Detail);
        }
        return new AgentChecksRequest(Version, results);
    }

    private AgentCheck Reinstall(string key)
    {
        var (file, _) = AuthorizedKeys.Install(settings.SshUser, key);
        return new AgentCheck(AgentCheckNames.SshKey, true, $"the control plane's key was missing from {file}: installed again");
    }

    private async Task<AgentCheck> VideoProxyAsync(AgentClient agent, CancellationToken stop)
    {
        if (videoProxy is null)
        {
            try
            {
                videoProxy = await HypervisorVideoProxy.StartAsync(new HypervisorVideoProxyOptions
                {
                    Server = settings.Server,
                    CaPin = settings.CaPin,
                    Hypervisor = settings.HypervisorId,
                    Credential = credential ?? "",
                    BrowserEndpoint = settings.VideoBrowserListen,
                    SpiceEndpoint = settings.VideoSpiceListen,
                    DataDir = Path.Combine(settings.DataDir, "video-proxy"),
                }, loggers, time, stop);
            }
            catch (Exception e) when (e is ControlPlaneException or IOException or SocketException or ArgumentException or HttpRequestException)
            {
                return new AgentCheck(AgentCheckNames.VideoProxy, false, $"the host's own video proxy did not start: {e.Message}");
            }
        }
        return new AgentCheck(AgentCheckNames.VideoProxy, true,
            $"browser (wss) on port {videoProxy.BrowserPort}, SPICE (CONNECT) on port {videoProxy.SpicePort}");
    }

    private async Task DeregisterAsync(AgentClient agent)
    {
        using var limit = new CancellationTokenSource(DeregisterTimeout);
        try
        {
            var hypervisor = await agent.DeregisterAsync(limit.Token);
            LogDeregistered(logger, hypervisor.Id);
        }
        catch (Exception e) when (e is ControlPlaneException or HttpRequestException or OperationCanceledException)
        {
            // The control plane sees the silence instead; the next start registers again.
            LogDeregisterFailed(logger, e.Message);
        }
    }

    /// <summary>The address this host uses towards the control plane: one the control plane can reach it at.</summary>
    private static string LocalAddressTowards(Uri server)
    {
        var address = IPAddress.TryParse(server.IdnHost, out var literal) ? literal : Dns.GetHostAddresses(server.IdnHost)[0];
        // A UDP "connect" only picks the route and source address: nothing is sent.
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(address, server.Port);
        return ((IPEndPoint)socket.LocalEndPoint!).Address.ToString();
    }

    private static bool IsTransient(Exception e) => e switch
    {
        ControlPlaneException c => c.Code == "control_plane_unreachable" || c.Status is null or >= 500 or 409 or 408 or 429,
        HttpRequestException or IOException or SocketException => true,
        TaskCanceledException => true,
        _ => false,
    };
}
