namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>Capabilities in an add or edit request; omitted members keep their default (true) or current value.</summary>
/// <param name="Hypervisor">Runs virtual desktops.</param>
/// <param name="DiskOperations">Runs disk operations.</param>
public sealed record CapabilitiesInput(bool? Hypervisor = null, bool? DiskOperations = null);
