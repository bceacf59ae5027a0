namespace Hyperfleet.Server.Engine;

/// <summary>The engine's timings, bound from <c>Hyperfleet:Engine</c>.</summary>
public sealed class EngineSettings
{
    /// <summary>First retry delay after a failure (doubles up to <see cref="BackoffCap"/>, with jitter).</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an Online hypervisor's CPU, memory and running desktops are sampled.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>libvirt keepalive: a probe every interval; the connection is declared dead after <see cref="KeepAliveCount"/> unanswered.</summary>
    public int KeepAliveIntervalSeconds { get; set; } = 1;

    public int KeepAliveCount { get; set; } = 2;

    /// <summary>Longest wait for libvirt to connect (keepalive does not cover connecting).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a pure disk-operations host (no libvirt connection to watch) is probed over SSH.</summary>
    public TimeSpan DiskHostProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Safety net: the supervisor also re-reads the desired state this often, besides reacting to changes.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a desktop host without usable KVM is an <c>Error</c> (<c>no_kvm</c>). On by default: desktops under
    /// TCG emulation are too slow for anyone to use. Turn it off for labs and nested setups where TCG is expected;
    /// the host's facts still say <c>kvm: false</c>.
    /// </summary>
    public bool RequireKvm { get; set; } = true;

    /// <summary>
    /// Extra libvirt connections per desktop host for domain starts (one opened when the host comes Online, more on
    /// demand, closed when idle except that one): round trips on one connection are serialized, so this is how many
    /// starts a host runs side by side.
    /// </summary>
    public int DomainLanes { get; set; } = 4;

    /// <summary>Where disk-capable hosts must have the shared storage (until storage pools are configured).</summary>
    public string DefaultStoragePath { get; set; } = "/opt/isard";
}
