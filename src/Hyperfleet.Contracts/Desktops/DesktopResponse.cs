namespace Hyperfleet.Contracts.Desktops;

/// <summary>A desktop as the API returns it.</summary>
/// <param name="Id">Slug that identifies the desktop; its libvirt domain is <c>hf-&lt;id&gt;</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">User it belongs to.</param>
/// <param name="Template">Template its disk is an overlay of.</param>
/// <param name="Pool">Storage pool holding its disk.</param>
/// <param name="DiskPath">Its qcow2 overlay.</param>
/// <param name="MemoryMib">Guest memory in MiB.</param>
/// <param name="Vcpus">Virtual CPUs.</param>
/// <param name="Status"><c>Creating</c>, <c>Stopped</c>, <c>Starting</c>, <c>Started</c>, <c>Stopping</c>, <c>Failed</c>, <c>Unknown</c> or <c>Deleting</c>.</param>
/// <param name="StatusDetail">Why it failed or is unknown (libvirt's message, the lost hypervisor), or null.</param>
/// <param name="StatusSince">When the status last changed.</param>
/// <param name="Hypervisor">Where it runs (or last ran); null when it never started.</param>
/// <param name="ForcedHypervisor">The only hypervisor it may run on, or null.</param>
/// <param name="FavouriteHypervisor">Its preferred hypervisor, or null.</param>
/// <param name="VncPort">VNC port on its hypervisor while it runs, or null.</param>
/// <param name="SpicePort">SPICE port on its hypervisor while it runs, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Vlan">Its VLAN network, or null.</param>
public sealed record DesktopResponse(
    string Id,
    string Name,
    string Owner,
    string Template,
    string Pool,
    string DiskPath,
    int MemoryMib,
    int Vcpus,
    string Status,
    string? StatusDetail,
    DateTimeOffset StatusSince,
    string? Hypervisor,
    string? ForcedHypervisor,
    string? FavouriteHypervisor,
    int? VncPort,
    int? SpicePort,
    DateTimeOffset CreatedAt,
    int? Vlan = null);
