namespace Hyperfleet.Core.Placement;

public sealed partial class PlacementFleet
{
    // Round-robin cursor: the last host the weigher chose, and the rank (ordinal position of host ids) to start
    // the next search from. Kept as an id so it survives hosts coming and going.
    private string? roundRobinLastId;
    private int roundRobinStart;

    /// <summary>
    /// Chooses a host for the desktop without changing the fleet (apart from the round-robin cursor).
    /// </summary>
    /// <remarks>
    /// Filters, in this order (the first one failed is the host's refusal reason): Online, enabled, hypervisor
    /// capability, <c>only_forced</c> (such a host takes only desktops forced to it), reaches the desktop's pool,
    /// has memory stats, and free − reserved − min_free_mem ≥ the desktop's memory.
    /// A forced desktop considers only its forced host. Otherwise the favourite wins when it passes the filters,
    /// and else <see cref="Policy"/> ranks the hosts that pass. Only a weighed choice moves the round-robin cursor.
    /// </remarks>
    /// <exception cref="ArgumentException">Empty desktop or pool id, or memory not positive.</exception>
    public PlacementDecision Place(in PlacementRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.DesktopId, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.PoolId, nameof(request));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MemoryMib, nameof(request));
        var memory = request.MemoryMib;
        var pool = poolNumbers.TryGetValue(request.PoolId, out var p) ? p : -1;
        var vlan = request.Vlan ?? 0;

        if (request.ForcedHostId is { } forcedId)
        {
            if (!indexById.TryGetValue(forcedId, out var f))
            {
                return new(null, PlacementRoute.None, PlacementExplainer.UnknownForcedHost(request));
            }
            return slots[f].Refuse(memory, pool, vlan, forcedHere: true) is { } reason
                ? new(null, PlacementRoute.None, PlacementExplainer.ForcedHostRefused(request, slots[f], reason))
                : new(slots[f].Id, PlacementRoute.Forced, null);
        }

        PlacementRefusalReason? favouriteRefused = null;
        if (request.FavouriteHostId is { } favouriteId)
        {
            if (!indexById.TryGetValue(favouriteId, out var v))
            {
                favouriteRefused = PlacementRefusalReason.UnknownHost;
            }
            else if (slots[v].Refuse(memory, pool, vlan, forcedHere: false) is { } why)
            {
                favouriteRefused = why;
            }
            else
            {
                return new(slots[v].Id, PlacementRoute.Favourite, null);
            }
        }

        var best = Policy switch
        {
            PlacementPolicy.AvailableRam => Best<AvailableRamWeigher>(request.DesktopId, memory, pool, vlan),
            PlacementPolicy.RoundRobin => NextRoundRobin(memory, pool, vlan),
            PlacementPolicy.LessCpu => Best<LessCpuWeigher>(request.DesktopId, memory, pool, vlan),
            _ => Best<AvailableRamPercentWeigher>(request.DesktopId, memory, pool, vlan),
        };
        return best >= 0
            ? new(slots[best].Id, PlacementRoute.Weighed, null, favouriteRefused)
            : new(null, PlacementRoute.None, PlacementExplainer.NoHost(request, slots.AsSpan(0, count), pool));
    }

    /// <summary><see cref="Place"/>, then <see cref="Reserve"/> the desktop's memory on the chosen host.</summary>
    public PlacementDecision PlaceAndReserve(in PlacementRequest request)
    {
        var decision = Place(request);
        if (decision.HostId is { } hostId)
        {
            Reserve(request.DesktopId, hostId, request.MemoryMib);
        }
        return decision;
    }

    private int Best<TWeigher>(string desktopId, long memory, int pool, int vlan) where TWeigher : IHostWeigher
    {
        var hosts = slots.AsSpan(0, count);
        var best = -1;
        ulong requestKey = 0;
        for (var i = 0; i < hosts.Length; i++)
        {
            ref readonly var host = ref hosts[i];
            if (!host.OpenToAny || host.Headroom < memory || !host.Pools.Contains(pool) || !host.Carries(vlan))
            {
                continue;
            }
            if (best < 0)
            {
                best = i;
                continue;
            }
            ref readonly var leader = ref hosts[best];
            var order = TWeigher.Compare(in host, in leader);
            if (order == 0)
            {
                order = leader.Load.CompareTo(host.Load);
            }
            if (order == 0)
            {
                // Hashed only when a tie needs it: the happy path with distinct figures never hashes.
                if (requestKey == 0)
                {
                    requestKey = (seed ^ StableHash.Of(desktopId)) | 1;
                }
                order = StableHash.Mix(requestKey ^ host.IdHash).CompareTo(StableHash.Mix(requestKey ^ leader.IdHash));
            }
            if (order > 0)
            {
                best = i;
            }
        }
        return best;
    }

    private int NextRoundRobin(long memory, int pool, int vlan)
    {
        EnsureRanks();
        var hosts = slots.AsSpan(0, count);
        var best = -1;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < hosts.Length; i++)
        {
            ref readonly var host = ref hosts[i];
            if (!host.OpenToAny || host.Headroom < memory || !host.Pools.Contains(pool) || !host.Carries(vlan))
            {
                continue;
            }
            var distance = host.Rank - roundRobinStart;
            if (distance < 0)
            {
                distance += hosts.Length;
            }
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }
        if (best >= 0)
        {
            roundRobinLastId = hosts[best].Id;
            roundRobinStart = hosts[best].Rank + 1;
        }
        return best;
    }

    /// <summary>Ranks hosts by ordinal id after hosts came or went, and finds the cursor's place among them.</summary>
    private void EnsureRanks()
    {
        if (!ranksStale)
        {
            return;
        }
        var ids = new string[count];
        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = slots[i].Id;
            positions[i] = i;
        }
        Array.Sort(ids, positions, StringComparer.Ordinal);
        for (var rank = 0; rank < count; rank++)
        {
            slots[positions[rank]].Rank = rank;
        }
        var at = roundRobinLastId is null ? -1 : Array.BinarySearch(ids, roundRobinLastId, StringComparer.Ordinal);
        roundRobinStart = roundRobinLastId is null ? 0 : at >= 0 ? at + 1 : ~at;
        ranksStale = false;
    }
}
