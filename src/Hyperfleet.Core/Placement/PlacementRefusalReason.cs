namespace Hyperfleet.Core.Placement;

/// <summary>The first filter a host failed, in the order the filters run.</summary>
public enum PlacementRefusalReason
{
    /// <summary>The forced host is not in the fleet (deleted, or a typo in <c>forced_hypervisor_id</c>).</summary>
    UnknownHost,

    /// <summary>Status is not Online.</summary>
    Offline,

    /// <summary>Disabled by an admin.</summary>
    Disabled,

    /// <summary>No hypervisor capability (disk operations only).</summary>
    NotHypervisor,

    /// <summary><c>only_forced</c> and the desktop is not forced to it.</summary>
    OnlyForced,

    /// <summary>It does not reach the desktop's storage pool.</summary>
    PoolUnreachable,

    /// <summary>Its trunk does not carry the desktop's VLAN.</summary>
    VlanMissing,

    /// <summary>No memory stats yet (free or total unknown).</summary>
    NoMemoryStats,

    /// <summary>free − reserved − min_free_mem is less than the desktop's memory.</summary>
    NotEnoughMemory,
}
