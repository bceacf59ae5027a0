using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Hypervisors;

/// <summary>The three types of hypervisor, derived from its two capabilities.</summary>
public static class HypervisorTypes
{
    /// <summary>Runs desktops only.</summary>
    public const string PureHypervisor = "pure_hypervisor";

    /// <summary>Runs disk operations only (e.g. a NAS with direct access to the storage).</summary>
    public const string PureDiskOperations = "pure_disk_operations";

    /// <summary>Runs desktops and disk operations.</summary>
    public const string Mixed = "mixed";

    /// <summary>Returns null when at least one capability is on, otherwise a <see cref="RuleCodes.NoCapability"/> error.</summary>
    public static RuleError? Validate(bool hypervisor, bool diskOperations) =>
        hypervisor || diskOperations
            ? null
            : new RuleError(RuleCodes.NoCapability,
                "turn on at least one capability: hypervisor (runs desktops) or disk_operations (runs disk operations).");

    /// <inheritdoc cref="Validate(bool, bool)"/>
    public static RuleError? Validate(HypervisorCapabilities capabilities) =>
        Validate(capabilities.Hypervisor, capabilities.DiskOperations);

    /// <summary>The type name: <see cref="PureHypervisor"/>, <see cref="PureDiskOperations"/> or <see cref="Mixed"/>.</summary>
    /// <exception cref="ArgumentException">Neither capability is on; <see cref="Validate(bool, bool)"/> first.</exception>
    public static string Name(bool hypervisor, bool diskOperations) => (hypervisor, diskOperations) switch
    {
        (true, true) => Mixed,
        (true, false) => PureHypervisor,
        (false, true) => PureDiskOperations,
        _ => throw new ArgumentException("A hypervisor needs at least one capability.", nameof(hypervisor)),
    };

    /// <inheritdoc cref="Name(bool, bool)"/>
    public static string Name(HypervisorCapabilities capabilities) =>
        Name(capabilities.Hypervisor, capabilities.DiskOperations);
}
