using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Desktops;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// A start the API committed (desktop <c>Starting</c> on <see cref="HypervisorId"/>), for the runtime to carry out.
/// <see cref="OverlayMtu"/> is set when the host is on the overlay: the desktop gets a NIC there, with that MTU; with
/// <see cref="Vlan"/>, a NIC on that VLAN of the host's trunk too.
/// </summary>
public sealed record StartPlan(
    string DesktopId,
    string Name,
    string HypervisorId,
    HypervisorFlavour Flavour,
    int MemoryMib,
    int Vcpus,
    string DiskPath,
    GraphicsPorts Ports,
    int? OverlayMtu = null,
    int? Vlan = null);
