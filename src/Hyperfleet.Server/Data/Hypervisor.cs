using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Server.Data;

/// <summary>A row of <c>hypervisors</c>: desired settings set by admins or the agent, and the status the engine proved.</summary>
public sealed class Hypervisor
{
    public required string Id { get; set; }
    public string Description { get; set; } = "";
    public required string Hostname { get; set; }
    public int SshPort { get; set; } = HypervisorDefaults.SshPort;
    public string SshUser { get; set; } = HypervisorDefaults.SshUser;

    /// <summary>Pinned SSH host public key (OpenSSH format); a different key is an error, never accepted silently.</summary>
    public string? SshHostKey { get; set; }

    public bool CapHypervisor { get; set; } = true;
    public bool CapDiskOperations { get; set; } = true;
    public HypervisorFlavour Flavour { get; set; } = HypervisorFlavour.Hypervisor;
    public VpnTunnelingMode VpnTunnelingMode { get; set; } = VpnTunnelingMode.WireguardGeneve;
    /// <summary>Its overlay address in <c>WG_HYPERS_NET</c>, allocated at its agent's first registration and kept.</summary>
    public string? VpnAddress { get; set; }

    /// <summary>Its WireGuard public key, sent by its agent (the private key never leaves the host).</summary>
    public string? WgPublicKey { get; set; }
    public int InfrastructureMtu { get; set; } = HypervisorDefaults.InfrastructureMtu;

    /// <summary>Measured by the VPN node (handshake age, BFD): one of <c>TunnelStatuses</c>.</summary>
    public string TunnelStatus { get; set; } = TunnelStatuses.Disconnected;
    public string? TunnelReason { get; set; }
    public string? TunnelDetail { get; set; }
    public DateTimeOffset? TunnelSince { get; set; }

    /// <summary>
    /// What the VPN node last configured for this host (mode, key, address): its agent gets its configuration only
    /// when this equals what the row asks for, so its first handshake finds the peer in place.
    /// </summary>
    public string? VpnApplied { get; set; }

    /// <summary>Its VLAN trunk interface, as its agent reported it; null without one.</summary>
    public string? VlanTrunk { get; set; }

    /// <summary>The VLAN ids on its trunk, ascending, comma-separated (<c>100,200</c>).</summary>
    public string? Vlans { get; set; }
    public bool VlansDetected { get; set; }
    public DateTimeOffset? VlansAt { get; set; }

    /// <summary>The tunnel as its agent last reported it, as JSON (an <c>AgentTunnelReport</c>).</summary>
    public string? AgentTunnel { get; set; }

    public string? ViewerStaticHost { get; set; }
    public string? ViewerProxyVideoHost { get; set; }
    public string? ViewerProxyHyperHost { get; set; }
    public int ViewerSpicePort { get; set; } = HypervisorDefaults.SpicePort;
    public int ViewerHtml5Port { get; set; } = HypervisorDefaults.Html5Port;

    public bool OnlyForced { get; set; }
    public int MinFreeMemMib { get; set; }

    public bool Enabled { get; set; }
    public HypervisorStatus Status { get; set; } = HypervisorStatus.Offline;
    public string? StatusReason { get; set; }
    public string? StatusDetail { get; set; }
    public DateTimeOffset StatusSince { get; set; }

    // Facts and stats, filled by the engine.
    public string? LibvirtVersion { get; set; }
    public string? QemuVersion { get; set; }
    public string? CpuModel { get; set; }
    public int? CpuThreads { get; set; }
    public long? MemoryTotalMib { get; set; }
    public long? MemoryFreeMib { get; set; }
    public bool? KvmAvailable { get; set; }
    public double? CpuPercent { get; set; }
    public int? DesktopsRunning { get; set; }
    public DateTimeOffset? StatsAt { get; set; }

    public string RegisteredBy { get; set; } = "admin";
    public string? AgentVersion { get; set; }

    /// <summary>When the engine last saw it answer (stats).</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>When its agent last reported (registration, checks, heartbeat).</summary>
    public DateTimeOffset? AgentHeartbeatAt { get; set; }

    /// <summary>One of <c>AgentStates</c>, for agent-registered hosts; null for hosts an admin added.</summary>
    public string? AgentState { get; set; }

    /// <summary>The agent's latest self-checks, as JSON (a list of <c>AgentCheck</c>).</summary>
    public string? AgentChecks { get; set; }

    /// <summary>An admin disabled it: its agent may not enable it again until an admin enables it.</summary>
    public bool DisabledByAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bumped on every write; guards against lost updates between admins and the engine.</summary>
    public long Version { get; set; }
}
