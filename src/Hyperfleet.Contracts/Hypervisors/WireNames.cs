namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>The wire spellings of flavours and tunneling modes, and their parsing.</summary>
public static class WireNames
{
    /// <summary>Wire name of a flavour.</summary>
    /// <param name="flavour">The flavour.</param>
    /// <returns><c>hypervisor</c> or <c>hypervisor-standalone</c>.</returns>
    public static string Of(HypervisorFlavour flavour) =>
        flavour == HypervisorFlavour.Hypervisor ? "hypervisor" : "hypervisor-standalone";

    /// <summary>Wire name of a tunneling mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>wireguard+geneve</c> or <c>geneve</c>.</returns>
    public static string Of(VpnTunnelingMode mode) =>
        mode == VpnTunnelingMode.WireguardGeneve ? "wireguard+geneve" : "geneve";

    /// <summary>Parses a flavour's wire name (exact, lower case).</summary>
    /// <param name="value">The text.</param>
    /// <param name="flavour">The flavour, when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseFlavour(string? value, out HypervisorFlavour flavour)
    {
        flavour = value == "hypervisor-standalone" ? HypervisorFlavour.HypervisorStandalone : HypervisorFlavour.Hypervisor;
        return value is "hypervisor" or "hypervisor-standalone";
    }

    /// <summary>Parses a tunneling mode's wire name (exact, lower case).</summary>
    /// <param name="value">The text.</param>
    /// <param name="mode">The mode, when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseMode(string? value, out VpnTunnelingMode mode)
    {
        mode = value == "geneve" ? VpnTunnelingMode.Geneve : VpnTunnelingMode.WireguardGeneve;
        return value is "wireguard+geneve" or "geneve";
    }
}
