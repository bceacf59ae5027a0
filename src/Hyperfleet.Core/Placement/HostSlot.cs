namespace Hyperfleet.Core.Placement;

/// <summary>
/// One host in the <see cref="PlacementFleet"/>'s flat array: the snapshot's fields plus the fleet's own
/// bookkeeping, with the filter inputs precomputed so the hot loop reads a few fields and compares.
/// </summary>
internal struct HostSlot
{
    public string Id;
    public ulong IdHash;
    public bool Online;
    public bool Enabled;
    public bool CapHypervisor;
    public bool OnlyForced;
    public bool HasMemory;
    public long MinFreeMib;
    public long FreeMib;
    public long TotalMib;
    public double Cpu;
    public int DesktopsRunning;
    public PoolSet Pools;

    /// <summary>The VLANs its trunk carries, ascending (binary search); empty without a trunk.</summary>
    public int[] Vlans;
    public long ReservedMib;
    public int InFlight;
    public int Rank;

    /// <summary>Passes the flag filters for a desktop not forced to it.</summary>
    public bool OpenToAny;

    /// <summary>free − reserved − min_free, or <see cref="long.MinValue"/> without memory stats.</summary>
    public long Headroom;

    /// <summary>free − reserved: what the RAM weighers rank.</summary>
    public long AvailableMib;

    /// <summary>Desktops there or on their way: the first tie-breaker.</summary>
    public readonly int Load => DesktopsRunning + InFlight;

    public void Recompute()
    {
        OpenToAny = Online && Enabled && CapHypervisor && !OnlyForced;
        AvailableMib = FreeMib - ReservedMib;
        Headroom = HasMemory ? AvailableMib - MinFreeMib : long.MinValue;
    }

    public void SetStats(long? freeMib, long? totalMib, double? cpuPercent, int desktopsRunning)
    {
        HasMemory = freeMib is not null && totalMib is > 0;
        FreeMib = freeMib ?? 0;
        TotalMib = totalMib ?? 0;
        Cpu = cpuPercent ?? double.PositiveInfinity;
        DesktopsRunning = desktopsRunning;
        Recompute();
    }

    /// <summary>The first filter this host fails for the request, or null when it can take the desktop.</summary>
    /// <summary>Whether the desktop's VLAN (0: none) is on this host's trunk.</summary>
    public readonly bool Carries(int vlan) => vlan == 0 || (Vlans is { } vlans && Array.BinarySearch(vlans, vlan) >= 0);

    public readonly PlacementRefusalReason? Refuse(long memoryMib, int pool, int vlan, bool forcedHere)
    {
        if (!Online)
        {
            return PlacementRefusalReason.Offline;
        }
        if (!Enabled)
        {
            return PlacementRefusalReason.Disabled;
        }
        if (!CapHypervisor)
        {
            return PlacementRefusalReason.NotHypervisor;
        }
        if (OnlyForced && !forcedHere)
        {
            return PlacementRefusalReason.OnlyForced;
        }
        if (!Pools.Contains(pool))
        {
            return PlacementRefusalReason.PoolUnreachable;
        }
        if (!Carries(vlan))
        {
            return PlacementRefusalReason.VlanMissing;
        }
        if (!HasMemory)
        {
            return PlacementRefusalReason.NoMemoryStats;
        }
        return Headroom < memoryMib ? PlacementRefusalReason.NotEnoughMemory : null;
    }
}
