using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Video.ControlPlane;

namespace Hyperfleet.Agent;

/// <summary>The agent's overlay work: set up before the host enables itself, then kept up (repaired) every second.</summary>
public sealed partial class HypervisorAgent
{
    private static readonly TimeSpan OverlayTick = TimeSpan.FromSeconds(1);

    /// <summary>Set once the overlay loop has applied the configuration the first time (or failed to).</summary>
    private readonly TaskCompletionSource firstApply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The overlay check of the self-checks: waits for the loop's first attempt, so a host whose side of the overlay
    /// cannot be built stays disabled, with why.
    /// </summary>
    private async Task<AgentCheck> OverlayCheckAsync(AgentVpnConfig vpn, CancellationToken stop)
    {
        await firstApply.Task.WaitAsync(stop);
        return overlayError is { } error
            ? new AgentCheck(AgentCheckNames.Overlay, false, $"the overlay could not be set up: {error}")
            : new AgentCheck(AgentCheckNames.Overlay, true, $"{vpn.Mode} to the VPN node, overlay address {vpn.Address}, overlay MTU {vpn.OverlayMtu}");
    }

    /// <summary>
    /// Every second: repairs the host's side (a killed wireguard-go or ovs-vswitchd, an address OVS lost), and applies a
    /// mode an admin changed (seen in the heartbeat's answer) as soon as the VPN node has applied its own side.
    /// </summary>
    private async Task OverlayLoopAsync(AgentClient agent, AgentVpnConfig vpn, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(OverlayTick, time);
        try
        {
            // The first attempt at once (the self-checks wait for it), then one a second.
            for (var first = true; first || await timer.WaitForNextTickAsync(stop); first = false)
            {
                try
                {
                    if (wantedMode is { } mode && WireNames.Of(mode) != vpn.Mode)
                    {
                        vpn = (await agent.ConfigAsync(stop)).Vpn ?? vpn;
                        if (vpn.Mode == WireNames.Of(mode))
                        {
                            LogModeChanged(logger, vpn.Mode);
                            KeepMode(mode);
                            wantedMode = null;
                        }
                    }
                    if (await overlay.EnsureAsync(vpn, underlayAddress!, stop) is { } repaired)
                    {
                        LogOverlayRepaired(logger, repaired);
                    }
                    overlayError = null;
                }
                catch (ControlPlaneException e) when (e.Status == 428)
                {
                    // The VPN node has not applied the new mode yet: the host keeps its tunnel until it has.
                }
                catch (Exception e) when (e is OverlayException or WireGuardUapiException or IOException or ControlPlaneException or HttpRequestException)
                {
                    overlayError = e.Message;
                    LogOverlayFailed(logger, e.Message);
                }
                firstApply.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>An admin's mode change is kept in the config file, so the next start registers it rather than the old one.</summary>
    private void KeepMode(VpnTunnelingMode mode)
    {
        settings.VpnTunnelingMode = mode;
        if (settings.ConfigPath is not { } path || !File.Exists(path))
        {
            return;
        }
        try
        {
            File.WriteAllText(path, Core.Configuration.CfgFile.Set(File.ReadAllText(path), AgentSettingsReader.ModeKey, WireNames.Of(mode)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogModeNotKept(logger, path, e.Message);
        }
    }
}
