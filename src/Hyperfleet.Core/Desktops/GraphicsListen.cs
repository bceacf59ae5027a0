using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Core.Desktops;

/// <summary>Where a desktop's VNC/SPICE listen, by the hypervisor's flavour.</summary>
public static class GraphicsListen
{
    /// <summary>Flavour <c>hypervisor</c>: its own video proxy connects locally; nothing else may.</summary>
    public const string Loopback = "127.0.0.1";

    /// <summary>Flavour <c>hypervisor-standalone</c>: the central video proxy connects over the network.</summary>
    public const string Any = "0.0.0.0";

    /// <summary>The listen address for a flavour.</summary>
    public static string For(HypervisorFlavour flavour) =>
        flavour == HypervisorFlavour.HypervisorStandalone ? Any : Loopback;
}
