namespace Hyperfleet.Contracts.Desktops;

/// <summary>Body of <c>POST /api/v1/desktops</c>: a desktop whose disk is a new overlay of a ready template.</summary>
/// <param name="Id">Slug: lower-case letters, digits and dashes, 1–63 characters.</param>
/// <param name="Name">Display name (default: the id).</param>
/// <param name="Template">Id of a template in status <c>Ready</c>.</param>
/// <param name="MemoryMib">Guest memory in MiB (default: the template's).</param>
/// <param name="Vcpus">Virtual CPUs (default: the template's).</param>
/// <param name="ForcedHypervisor">Run only on this hypervisor.</param>
/// <param name="FavouriteHypervisor">Prefer this hypervisor whenever it can take the desktop.</param>
/// <param name="Owner">User name of the user it belongs to (default: the admin creating it); must name a user.</param>
/// <param name="Vlan">A VLAN network for the desktop (a second NIC on VLAN <c>v&lt;id&gt;</c>): it starts only on a hypervisor whose trunk carries it.</param>
public sealed record CreateDesktopRequest(
    string? Id,
    string? Name = null,
    string? Template = null,
    int? MemoryMib = null,
    int? Vcpus = null,
    string? ForcedHypervisor = null,
    string? FavouriteHypervisor = null,
    string? Owner = null,
    int? Vlan = null);
