using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>
/// The baseline: the same rules written the straightforward way, a list of host objects filtered with
/// <c>Where</c> and ranked with <c>OrderByDescending(weigher).ThenBy(load).ThenBy(id)</c>, pools in a
/// <c>HashSet&lt;string&gt;</c>. Ties go to the lowest id (not seeded); no explanation is built on failure.
/// </summary>
public sealed class LinqPlacementBaseline(PlacementPolicy policy) : IPlacementTarget
{
    private readonly List<Host> hosts = [];
    private readonly Dictionary<string, (Host Host, long Mib)> reservations = new(StringComparer.Ordinal);
    private string? roundRobinLast;

    public void Upsert(PlacementHost host)
    {
        var existing = hosts.FirstOrDefault(h => h.Id == host.Id);
        if (existing is null)
        {
            existing = new Host { Id = host.Id };
            hosts.Add(existing);
        }
        existing.Online = host.Online;
        existing.Enabled = host.Enabled;
        existing.CapHypervisor = host.CapHypervisor;
        existing.OnlyForced = host.OnlyForced;
        existing.MinFreeMib = host.MinFreeMemMib;
        existing.FreeMib = host.FreeMemMib;
        existing.TotalMib = host.TotalMemMib;
        existing.Cpu = host.CpuPercent;
        existing.Running = host.DesktopsRunning;
        existing.Pools = host.PoolIds.ToHashSet(StringComparer.Ordinal);
    }

    public string? PlaceAndReserve(in PlacementRequest request)
    {
        var chosen = Place(request);
        if (chosen is not null)
        {
            Reserve(request.DesktopId, chosen, request.MemoryMib);
        }
        return chosen;
    }

    /// <summary>Forced host, else an eligible favourite, else the first host of the weigher's order.</summary>
    public string? Place(PlacementRequest request)
    {
        if (request.ForcedHostId is not null)
        {
            var forced = hosts.FirstOrDefault(h => h.Id == request.ForcedHostId);
            return forced is not null && Passes(forced, request, forcedHere: true) ? forced.Id : null;
        }
        if (request.FavouriteHostId is not null)
        {
            var favourite = hosts.FirstOrDefault(h => h.Id == request.FavouriteHostId && Passes(h, request, forcedHere: false));
            if (favourite is not null)
            {
                return favourite.Id;
            }
        }
        var eligible = hosts
            .Where(h => h.Online)
            .Where(h => h.Enabled)
            .Where(h => h.CapHypervisor)
            .Where(h => !h.OnlyForced)
            .Where(h => h.Pools.Contains(request.PoolId))
            .Where(h => h.FreeMib is not null && h.TotalMib > 0)
            .Where(h => h.FreeMib - h.ReservedMib - h.MinFreeMib >= request.MemoryMib);
        var last = roundRobinLast;
        var chosen = policy == PlacementPolicy.RoundRobin
            ? eligible
                .OrderBy(h => last is not null && string.CompareOrdinal(h.Id, last) <= 0 ? 1 : 0)
                .ThenBy(h => h.Id, StringComparer.Ordinal)
                .FirstOrDefault()
            : eligible
                .OrderByDescending(Score)
                .ThenBy(h => h.Running + h.InFlight)
                .ThenBy(h => h.Id, StringComparer.Ordinal)
                .FirstOrDefault();
        if (chosen is not null && policy == PlacementPolicy.RoundRobin)
        {
            roundRobinLast = chosen.Id;
        }
        return chosen?.Id;
    }

    /// <summary>The weigher's figure (higher is better) and the load of a host, to tell a tie from a disagreement.</summary>
    public (double Score, int Load) Rank(string hostId)
    {
        var host = hosts.First(h => h.Id == hostId);
        return (Score(host), host.Running + host.InFlight);
    }

    public void Reserve(string desktopId, string hostId, long memoryMib)
    {
        Release(desktopId);
        var host = hosts.First(h => h.Id == hostId);
        host.ReservedMib += memoryMib;
        host.InFlight++;
        reservations[desktopId] = (host, memoryMib);
    }

    public void Release(string desktopId)
    {
        if (reservations.Remove(desktopId, out var reservation))
        {
            reservation.Host.ReservedMib -= reservation.Mib;
            reservation.Host.InFlight--;
        }
    }

    public void UpdateStats(string hostId, long freeMemMib, long totalMemMib, double cpuPercent, int desktopsRunning)
    {
        var host = hosts.First(h => h.Id == hostId);
        host.FreeMib = freeMemMib;
        host.TotalMib = totalMemMib;
        host.Cpu = cpuPercent;
        host.Running = desktopsRunning;
    }

    private static bool Passes(Host h, PlacementRequest request, bool forcedHere) =>
        h.Online && h.Enabled && h.CapHypervisor && (!h.OnlyForced || forcedHere) && h.Pools.Contains(request.PoolId)
        && h.FreeMib is not null && h.TotalMib > 0 && h.FreeMib - h.ReservedMib - h.MinFreeMib >= request.MemoryMib;

    private double Score(Host h) => policy switch
    {
        PlacementPolicy.AvailableRam => (double)(h.FreeMib!.Value - h.ReservedMib),
        PlacementPolicy.LessCpu => -(h.Cpu ?? double.PositiveInfinity),
        _ => (double)(h.FreeMib!.Value - h.ReservedMib) / h.TotalMib!.Value,
    };

    private sealed class Host
    {
        public required string Id { get; init; }
        public bool Online { get; set; }
        public bool Enabled { get; set; }
        public bool CapHypervisor { get; set; }
        public bool OnlyForced { get; set; }
        public long MinFreeMib { get; set; }
        public long? FreeMib { get; set; }
        public long? TotalMib { get; set; }
        public double? Cpu { get; set; }
        public int Running { get; set; }
        public HashSet<string> Pools { get; set; } = [];
        public long ReservedMib { get; set; }
        public int InFlight { get; set; }
    }
}
