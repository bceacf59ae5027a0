namespace Hyperfleet.Core.Placement;

/// <summary>
/// What placement needs to know about one hypervisor: its row (status, flags, memory reserve, pools) and its
/// last stats sample. In-flight reservations are not part of it: the <see cref="PlacementFleet"/> keeps them per
/// desktop, so a new snapshot never loses them.
/// </summary>
/// <param name="Id">Hypervisor id (slug), compared ordinally.</param>
public sealed record PlacementHost(string Id)
{
    /// <summary>Status is <c>Online</c>; any other status (Offline, Error, Deleting) takes nothing.</summary>
    public bool Online { get; init; }

    /// <summary>Enabled by an admin; a disabled host takes no new desktops.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>cap_hypervisor</c>: it runs desktops (a pure disk-operations host does not).</summary>
    public bool CapHypervisor { get; init; } = true;

    /// <summary><c>only_forced</c>: it takes only desktops forced onto it.</summary>
    public bool OnlyForced { get; init; }

    /// <summary><c>min_free_mem_mib</c>: memory that must stay free after the desktop starts.</summary>
    public long MinFreeMemMib { get; init; }

    /// <summary>Free memory of the last sample; null until the first sample (the host is then not eligible).</summary>
    public long? FreeMemMib { get; init; }

    /// <summary>Total memory of the last sample; null (or not positive) makes the host not eligible.</summary>
    public long? TotalMemMib { get; init; }

    /// <summary>CPU use of the last sample, 0–100; null ranks last under <see cref="PlacementPolicy.LessCpu"/>.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Desktops running there; with the in-flight reservations, the first tie-breaker (fewer wins).</summary>
    public int DesktopsRunning { get; init; }

    /// <summary>Storage pools whose mount this host reaches; a desktop goes only where its pool is.</summary>
    public IReadOnlyCollection<string> PoolIds { get; init; } = [];

    /// <summary>VLANs its trunk carries; a desktop with a VLAN network goes only where its VLAN is.</summary>
    public IReadOnlyCollection<int> Vlans { get; init; } = [];
}
