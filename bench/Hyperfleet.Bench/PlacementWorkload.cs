using System.Globalization;
using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>
/// A fleet and a stream of desktop starts, generated from a seed so both implementations see the same ones:
/// hosts of 256 GiB to 1 TiB reaching 1–3 of 8 storage pools (2 % offline, 1 % disabled, 4 % disk operations
/// only, 1 % only_forced, some with a min_free_mem reserve), desktops of 2, 4 or 8 GiB spread over them as the
/// running set; requests with 2 % forced and 10 % favourite hosts that reach the desktop's pool.
/// </summary>
public sealed class PlacementWorkload
{
    private static readonly long[] Sizes = [2048, 4096, 8192];

    private PlacementWorkload(PlacementHost[] hosts, List<long>[] running)
    {
        Hosts = hosts;
        Running = running;
    }

    public PlacementHost[] Hosts { get; }

    /// <summary>Memory of each desktop running on each host at the start (index of <see cref="Hosts"/>).</summary>
    public List<long>[] Running { get; }

    public int RunningDesktops => Running.Sum(r => r.Count);

    public static PlacementWorkload Create(int hostCount, int desktops, int seed)
    {
        var random = new Random(seed);
        var hosts = new PlacementHost[hostCount];
        var running = new List<long>[hostCount];
        long[] totals = [256 * 1024, 384 * 1024, 512 * 1024, 768 * 1024, 1024 * 1024];
        for (var i = 0; i < hostCount; i++)
        {
            var roll = random.NextDouble();
            var pools = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(Pool).ToArray();
            hosts[i] = new PlacementHost(string.Create(CultureInfo.InvariantCulture, $"hv{i + 1:0000}"))
            {
                Online = roll >= 0.02,
                Enabled = roll is < 0.02 or >= 0.03,
                CapHypervisor = roll is < 0.03 or >= 0.07,
                OnlyForced = roll is >= 0.07 and < 0.08,
                MinFreeMemMib = random.Next(3) * 4096,
                TotalMemMib = totals[random.Next(totals.Length)],
                CpuPercent = Math.Round(5 + (random.NextDouble() * 90), 1),
                PoolIds = pools,
            };
            running[i] = [];
        }
        var desktopHosts = Enumerable.Range(0, hostCount).Where(i => hosts[i].CapHypervisor).ToArray();
        for (var d = 0; d < desktops; d++)
        {
            running[desktopHosts[random.Next(desktopHosts.Length)]].Add(Sizes[random.Next(Sizes.Length)]);
        }
        for (var i = 0; i < hostCount; i++)
        {
            var overhead = 2048 + random.Next(6 * 1024);
            hosts[i] = hosts[i] with
            {
                FreeMemMib = Math.Max(0, hosts[i].TotalMemMib!.Value - overhead - running[i].Sum()),
                DesktopsRunning = running[i].Count,
            };
        }
        return new PlacementWorkload(hosts, running);
    }

    /// <summary>Desktop starts; forced and favourite hosts are hypervisors that reach the desktop's pool.</summary>
    public PlacementRequest[] Requests(int count, int seed)
    {
        var random = new Random(seed);
        var requests = new PlacementRequest[count];
        var desktopHosts = Hosts.Where(h => h.CapHypervisor).ToArray();
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"desktop-{i}");
            var memory = Sizes[random.Next(Sizes.Length)];
            var roll = random.NextDouble();
            if (roll < 0.12)
            {
                var host = desktopHosts[random.Next(desktopHosts.Length)];
                var pool = host.PoolIds.ElementAt(random.Next(host.PoolIds.Count));
                requests[i] = roll < 0.02
                    ? new PlacementRequest(id, memory, pool, ForcedHostId: host.Id)
                    : new PlacementRequest(id, memory, pool, FavouriteHostId: host.Id);
            }
            else
            {
                requests[i] = new PlacementRequest(id, memory, Pool(random.Next(8)));
            }
        }
        return requests;
    }

    private static string Pool(int n) => string.Create(CultureInfo.InvariantCulture, $"pool{n}");
}
