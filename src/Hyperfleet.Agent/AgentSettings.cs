using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Agent;

/// <summary>
/// The agent's settings, read from its config file (<see cref="AgentSettingsReader"/>) with the names operators know from
/// <c>isardvdi.cfg</c> where they exist. Null means "the default the control plane applies".
/// </summary>
public sealed class AgentSettings
{
    public string Server { get; set; } = "";
    public string? Token { get; set; }
    public string? CaPin { get; set; }
    public string HypervisorId { get; set; } = "";

    /// <summary>The address the engine reaches this host at; null: the address this host reaches the control plane from.</summary>
    public string? Hostname { get; set; }
    public string? Description { get; set; }
    public int SshPort { get; set; } = 2022;
    public string SshUser { get; set; } = "root";
    public string SshHostKeyFile { get; set; } = "/etc/ssh/ssh_host_ed25519_key.pub";
    public bool CapHypervisor { get; set; } = true;
    public bool CapDiskOperations { get; set; } = true;
    public HypervisorFlavour Flavour { get; set; } = HypervisorFlavour.Hypervisor;
    public VpnTunnelingMode VpnTunnelingMode { get; set; } = VpnTunnelingMode.WireguardGeneve;
    public int MinFreeMemMib { get; set; }
    public bool OnlyForced { get; set; }
    public int InfrastructureMtu { get; set; } = 1500;
    public string? ViewerStaticHost { get; set; }
    public string? ViewerProxyVideoHost { get; set; }
    public string? ViewerProxyHyperHost { get; set; }
    public int? ViewerSpicePort { get; set; }
    public int? ViewerHtml5Port { get; set; }

    /// <summary>
    /// The VLAN trunk interface and its VLAN ids. Without ids, the agent listens on the trunk for 802.1Q tags for
    /// <see cref="VlanDetectSeconds"/> (the seed's 260 s) and takes the VLANs it hears.
    /// </summary>
    public string? TrunkInterface { get; set; }
    public IReadOnlyList<int> StaticVlans { get; set; } = [];
    public int VlanDetectSeconds { get; set; } = 260;

    /// <summary>Where the agent keeps its credential (0600) and its video proxy's key.</summary>
    public string DataDir { get; set; } = "/var/lib/hyperfleet/agent";
    public string LibvirtUri { get; set; } = "qemu:///system";

    /// <summary>
    /// Open vSwitch's run directory (<c>OVS_RUNDIR</c>). The default is OVS's own, where libvirt's <c>ovs-vsctl</c> finds
    /// the database to add desktops' NICs to the overlay bridge: the agent uses the host's OVS if it runs there, and
    /// starts one (userspace datapath) if not.
    /// </summary>
    public string OvsRunDirectory { get; set; } = "/run/openvswitch";
    public string VideoBrowserListen { get; set; } = "0.0.0.0:443";
    public string VideoSpiceListen { get; set; } = "0.0.0.0:80";

    /// <summary>The longest wait between two attempts while checks fail or the control plane is away.</summary>
    public TimeSpan RetryCap { get; set; } = TimeSpan.FromSeconds(30);

    public string CredentialPath => Path.Combine(DataDir, "credential");

    /// <summary>The config file these settings came from, if any: the token is blanked there once the credential replaces it.</summary>
    public string? ConfigPath { get; set; }

    public AddHypervisorRequest ToRequest(string hostname) => new(
        HypervisorId,
        hostname,
        Description,
        SshPort,
        SshUser,
        new CapabilitiesInput(CapHypervisor, CapDiskOperations),
        WireNames.Of(Flavour),
        WireNames.Of(VpnTunnelingMode),
        new ViewerSettingsInput(ViewerStaticHost, ViewerProxyVideoHost, ViewerProxyHyperHost, ViewerSpicePort, ViewerHtml5Port),
        OnlyForced,
        MinFreeMemMib,
        InfrastructureMtu);
}
