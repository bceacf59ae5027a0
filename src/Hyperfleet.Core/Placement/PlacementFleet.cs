namespace Hyperfleet.Core.Placement;

/// <summary>
/// The control plane's in-memory view of the hypervisors for placement: hosts (upserted when their row or stats
/// change), in-flight memory reservations per desktop (added when a desktop starts, released when libvirt reports
/// it running or the start fails), the configured <see cref="PlacementPolicy"/> and the round-robin cursor.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: hold one lock around every call. Nothing here does I/O or reads a clock.</para>
/// <para>Hosts live in a flat array of structs; pools are small integers in a bitset per host, so a decision over
/// 1,000 hosts is one pass over contiguous memory with no allocation. Only a failure allocates (its explanation).</para>
/// <para>Deterministic: the same hosts, reservations, request, policy and seed always give the same host, whatever
/// the order in which hosts were added. Ties on the weigher go to the host with fewer desktops (running plus
/// in flight), then to a pseudo-random but stable pick derived from the seed, the desktop id and the host id.</para>
/// </remarks>
public sealed partial class PlacementFleet
{
    /// <summary>
    /// Largest memory figure accepted, 2 PiB in MiB: the product of two such figures still fits in a long, which
    /// keeps the weighers' integer arithmetic exact.
    /// </summary>
    public const long MaxMemoryMib = 1L << 31;

    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> poolNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Reservation> reservations = new(StringComparer.Ordinal);
    private readonly ulong seed;
    private HostSlot[] slots = new HostSlot[16];
    private int count;
    private bool ranksStale;

    /// <summary>An empty fleet.</summary>
    /// <param name="policy">The weigher; change it later with <see cref="Policy"/> when configuration changes.</param>
    /// <param name="seed">Seeds the tie-breaks; the same seed gives the same choices.</param>
    public PlacementFleet(PlacementPolicy policy = PlacementPolicies.Default, int seed = 0)
    {
        Policy = policy;
        this.seed = StableHash.Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
    }

    /// <summary>The weigher used for desktops that are not forced and whose favourite cannot take them.</summary>
    public PlacementPolicy Policy { get; set; }

    /// <summary>Hosts in the fleet.</summary>
    public int Count => count;

    /// <summary>Desktops with an in-flight reservation.</summary>
    public int ReservationCount => reservations.Count;

    /// <summary>Whether the host is in the fleet.</summary>
    public bool Contains(string hostId) => indexById.ContainsKey(hostId);

    /// <summary>Memory reserved on the host by desktops still starting; 0 for an unknown host.</summary>
    public long ReservedMib(string hostId) => indexById.TryGetValue(hostId, out var i) ? slots[i].ReservedMib : 0;

    /// <summary>Adds a host or replaces what is known of it; its in-flight reservations are kept.</summary>
    /// <exception cref="ArgumentException">Empty id, negative or absurd memory figures.</exception>
    public void Upsert(PlacementHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrEmpty(host.Id, nameof(host));
        CheckMemory(host.MinFreeMemMib, "min_free_mem_mib");
        CheckStats(host.FreeMemMib, host.TotalMemMib);
        if (!indexById.TryGetValue(host.Id, out var i))
        {
            if (count == slots.Length)
            {
                Array.Resize(ref slots, count * 2);
            }
            i = count++;
            indexById.Add(host.Id, i);
            slots[i] = new HostSlot { Id = host.Id, IdHash = StableHash.Of(host.Id) };
            ranksStale = true;
        }
        ref var slot = ref slots[i];
        slot.Online = host.Online;
        slot.Enabled = host.Enabled;
        slot.CapHypervisor = host.CapHypervisor;
        slot.OnlyForced = host.OnlyForced;
        slot.MinFreeMib = host.MinFreeMemMib;
        slot.Pools = PoolSet.Of(host.PoolIds.Select(PoolNumber));
        slot.Vlans = [.. host.Vlans.Distinct().Order()];
        slot.SetStats(host.FreeMemMib, host.TotalMemMib, host.CpuPercent, host.DesktopsRunning);
    }

    /// <summary>
    /// Applies a stats sample (every ~10 s per host) without touching flags and pools: cheap and allocation-free.
    /// </summary>
    /// <returns>False when the host is not in the fleet (nothing changed).</returns>
    public bool UpdateStats(string hostId, long? freeMemMib, long? totalMemMib, double? cpuPercent, int desktopsRunning)
    {
        CheckStats(freeMemMib, totalMemMib);
        if (!indexById.TryGetValue(hostId, out var i))
        {
            return false;
        }
        slots[i].SetStats(freeMemMib, totalMemMib, cpuPercent, desktopsRunning);
        return true;
    }

    /// <summary>Removes a host and drops the reservations made on it.</summary>
    /// <returns>False when it was not in the fleet.</returns>
    public bool Remove(string hostId)
    {
        if (!indexById.Remove(hostId, out var i))
        {
            return false;
        }
        var last = --count;
        if (i != last)
        {
            slots[i] = slots[last];
            indexById[slots[i].Id] = i;
        }
        slots[last] = default;
        ranksStale = true;
        foreach (var (desktopId, reservation) in reservations)
        {
            if (reservation.HostId == hostId)
            {
                reservations.Remove(desktopId);
            }
        }
        return true;
    }

    /// <summary>
    /// Reserves the desktop's memory on the host until <see cref="Release"/>, so decisions made before the host's
    /// next stats sample see it. A desktop holds one reservation: reserving again moves it.
    /// </summary>
    /// <returns>False when the host is not in the fleet (nothing reserved; an earlier reservation is kept).</returns>
    /// <exception cref="ArgumentException">Empty desktop id, or memory not in 1…<see cref="MaxMemoryMib"/>.</exception>
    public bool Reserve(string desktopId, string hostId, long memoryMib)
    {
        ArgumentException.ThrowIfNullOrEmpty(desktopId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMib);
        CheckMemory(memoryMib, nameof(memoryMib));
        if (!indexById.TryGetValue(hostId, out var i))
        {
            return false;
        }
        Release(desktopId);
        reservations.Add(desktopId, new Reservation(hostId, memoryMib));
        ref var slot = ref slots[i];
        slot.ReservedMib += memoryMib;
        slot.InFlight++;
        slot.Recompute();
        return true;
    }

    /// <summary>Drops the desktop's reservation: it is running (stats now count it) or its start failed.</summary>
    /// <returns>False when it had none.</returns>
    public bool Release(string desktopId)
    {
        if (!reservations.Remove(desktopId, out var reservation))
        {
            return false;
        }
        if (indexById.TryGetValue(reservation.HostId, out var i))
        {
            ref var slot = ref slots[i];
            slot.ReservedMib -= reservation.MemoryMib;
            slot.InFlight--;
            slot.Recompute();
        }
        return true;
    }

    private int PoolNumber(string poolId)
    {
        if (!poolNumbers.TryGetValue(poolId, out var n))
        {
            n = poolNumbers.Count;
            poolNumbers.Add(poolId, n);
        }
        return n;
    }

    private static void CheckStats(long? freeMemMib, long? totalMemMib)
    {
        CheckMemory(freeMemMib ?? 0, "free memory");
        CheckMemory(totalMemMib ?? 0, "total memory");
    }

    private static void CheckMemory(long mib, string what)
    {
        if (mib is < 0 or > MaxMemoryMib)
        {
            throw new ArgumentOutOfRangeException(what, mib, $"{what} must be between 0 and {MaxMemoryMib} MiB.");
        }
    }

    private readonly record struct Reservation(string HostId, long MemoryMib);
}
