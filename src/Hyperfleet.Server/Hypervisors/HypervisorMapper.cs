using System.Text.Json;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>Rows to wire records.</summary>
public static class HypervisorMapper
{
    public static HypervisorResponse ToResponse(this Hypervisor h) => new(
        h.Id,
        h.Description,
        h.Hostname,
        h.SshPort,
        h.SshUser,
        new HypervisorCapabilities(h.CapHypervisor, h.CapDiskOperations),
        h.Flavour,
        h.VpnTunnelingMode,
        new ViewerSettings(h.ViewerStaticHost, h.ViewerProxyVideoHost, h.ViewerProxyHyperHost, h.ViewerSpicePort, h.ViewerHtml5Port),
        h.OnlyForced,
        h.MinFreeMemMib,
        h.Enabled,
        h.Status,
        h.StatusReason,
        h.StatusDetail,
        h.StatusSince,
        HypervisorTypes.Name(h.CapHypervisor, h.CapDiskOperations),
        h.InfrastructureMtu,
        MtuMath.GuestMtu(h.InfrastructureMtu, h.VpnTunnelingMode),
        h.TunnelStatus,
        HostKeyFingerprint.Sha256(h.SshHostKey),
        h.RegisteredBy,
        h.CreatedAt,
        new HypervisorFactsResponse(h.LibvirtVersion, h.QemuVersion, h.CpuModel, h.CpuThreads, h.MemoryTotalMib, h.KvmAvailable),
        new HypervisorStatsResponse(h.CpuPercent, h.MemoryFreeMib, h.MemoryTotalMib, h.DesktopsRunning, h.StatsAt),
        h.AgentState is null ? null : new HypervisorAgentResponse(h.AgentVersion, h.AgentState, h.AgentHeartbeatAt, Checks(h.AgentChecks), h.DisabledByAdmin),
        new HypervisorVpnResponse(h.VpnAddress, h.WgPublicKey, h.TunnelReason, h.TunnelDetail, h.TunnelSince),
        h.VlanTrunk is null ? null : VlansOf(h));

    private static HypervisorVlansResponse VlansOf(Hypervisor h)
    {
        var ids = VlanIds.Parse(h.Vlans);
        return new HypervisorVlansResponse(h.VlanTrunk!, ids.Select(VlanIds.InterfaceName).ToList(), ids, h.VlansDetected, h.VlansAt);
    }

    /// <summary>The tunnel as the host's agent last reported it.</summary>
    public static AgentTunnelReport? AgentTunnel(this Hypervisor h) =>
        h.AgentTunnel is null ? null : JsonSerializer.Deserialize<AgentTunnelReport>(h.AgentTunnel, ApiJson.Options);

    private static List<AgentCheck> Checks(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<AgentCheck>>(json, ApiJson.Options) ?? [];

    public static HypervisorEventResponse ToResponse(this HypervisorEvent e) =>
        new(e.Id, e.Time, e.HypervisorId, e.Actor, e.Kind, e.FromStatus, e.ToStatus, e.Reason, e.Detail);
}
