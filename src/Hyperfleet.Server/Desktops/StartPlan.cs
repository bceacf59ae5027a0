using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Desktops;

namespace Hyperfleet.Server.Desktops;

/// <summary>A start the API committed (desktop <c>Starting</c> on <see cref="HypervisorId"/>), for the runtime to carry out.</summary>
public sealed record StartPlan(
    string DesktopId,
    string Name,
    string HypervisorId,
    HypervisorFlavour Flavour,
    int MemoryMib,
    int Vcpus,
    string DiskPath,
    GraphicsPorts Ports);
