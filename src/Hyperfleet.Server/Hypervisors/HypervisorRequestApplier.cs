using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>Copies the members present in an add or edit request onto a row; unparseable enum names become field errors.</summary>
internal static class HypervisorRequestApplier
{
    public static void Apply(Hypervisor h, AddHypervisorRequest r, List<FieldError> errors) =>
        Apply(h, new EditHypervisorRequest(r.Hostname, r.Description, r.SshPort, r.SshUser, r.Capabilities,
            r.Flavour, r.VpnTunnelingMode, r.Viewer, r.OnlyForced, r.MinFreeMemMib, r.InfrastructureMtu), errors);

    public static void Apply(Hypervisor h, EditHypervisorRequest r, List<FieldError> errors)
    {
        if (r.Hostname is not null) { h.Hostname = r.Hostname.Trim(); }
        if (r.Description is not null) { h.Description = r.Description; }
        if (r.SshPort is { } sshPort) { h.SshPort = sshPort; }
        if (r.SshUser is not null) { h.SshUser = r.SshUser; }
        if (r.Capabilities?.Hypervisor is { } capHypervisor) { h.CapHypervisor = capHypervisor; }
        if (r.Capabilities?.DiskOperations is { } capDisk) { h.CapDiskOperations = capDisk; }
        if (r.Flavour is not null)
        {
            if (WireNames.TryParseFlavour(r.Flavour, out var flavour)) { h.Flavour = flavour; }
            else { errors.Add(new FieldError("flavour", "flavour_invalid", "flavour must be 'hypervisor' or 'hypervisor-standalone'.")); }
        }
        if (r.VpnTunnelingMode is not null)
        {
            if (WireNames.TryParseMode(r.VpnTunnelingMode, out var mode)) { h.VpnTunnelingMode = mode; }
            else { errors.Add(new FieldError("vpn_tunneling_mode", "vpn_tunneling_mode_invalid", "vpn_tunneling_mode must be 'wireguard+geneve' or 'geneve'.")); }
        }
        if (r.Viewer is { } viewer)
        {
            if (viewer.StaticHost is not null) { h.ViewerStaticHost = NullIfEmpty(viewer.StaticHost); }
            if (viewer.ProxyVideoHost is not null) { h.ViewerProxyVideoHost = NullIfEmpty(viewer.ProxyVideoHost); }
            if (viewer.ProxyHyperHost is not null) { h.ViewerProxyHyperHost = NullIfEmpty(viewer.ProxyHyperHost); }
            if (viewer.SpicePort is { } spice) { h.ViewerSpicePort = spice; }
            if (viewer.Html5Port is { } html5) { h.ViewerHtml5Port = html5; }
        }
        if (r.OnlyForced is { } onlyForced) { h.OnlyForced = onlyForced; }
        if (r.MinFreeMemMib is { } minFree) { h.MinFreeMemMib = minFree; }
        if (r.InfrastructureMtu is { } mtu) { h.InfrastructureMtu = mtu; }
    }

    // An empty string clears an optional host.
    private static string? NullIfEmpty(string value) => value.Trim().Length == 0 ? null : value.Trim();
}
