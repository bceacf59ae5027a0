using Hyperfleet.Agent.Overlay;
using Hyperfleet.Core.Engine;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Video.ControlPlane;

namespace Hyperfleet.Agent;

/// <summary>The agent's VLAN work: after the host is up (listening takes minutes), never before it enables itself.</summary>
public sealed partial class HypervisorAgent
{
    private async Task VlansAsync(AgentClient agent, CancellationToken stop)
    {
        if (settings.TrunkInterface is null)
        {
            return;
        }
        var backoff = new Backoff(TimeSpan.FromSeconds(1), settings.RetryCap, Random.Shared);
        try
        {
            var report = await new VlanTrunk(settings).ApplyAsync(stop);
            var interfaces = report.Vlans.Count == 0 ? "no VLAN" : string.Join(", ", report.Vlans.Select(VlanIds.InterfaceName));
            LogVlans(logger, report.Trunk, interfaces, report.Detected ? $"heard in {settings.VlanDetectSeconds} s" : "from HYPERVISOR_STATIC_VLANS");
            while (true)
            {
                try
                {
                    await agent.VlansAsync(report, stop);
                    return;
                }
                catch (Exception e) when (IsTransient(e) && !stop.IsCancellationRequested)
                {
                    await Task.Delay(backoff.Next(), time, stop);
                }
            }
        }
        catch (Exception e) when (e is OverlayException or ControlPlaneException or IOException)
        {
            LogVlansFailed(logger, settings.TrunkInterface, e.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
