using System.Globalization;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// Many viewers open and idle (a desktop nobody looks at): the carrier's memory before they open and while they are
/// open, per session. The proxy is asked for its managed heap and working set after a forced full GC; websockify (one
/// forked Python process per connection) is measured by proportional set size over its process tree.
/// </summary>
public static class IdleSessions
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>What one carrier held: before, while <see cref="Count"/> sessions were open, and after they closed.</summary>
    public sealed record Result(string Name, int Count, long HeapBefore, long HeapOpen, long HeapAfter, long ResidentBefore, long ResidentOpen,
        long ResidentAfter, int OpenSeen)
    {
        public double HeapPerSession => (HeapOpen - HeapBefore) / (double)Count;

        public double ResidentPerSession => (ResidentOpen - ResidentBefore) / (double)Count;
    }

    /// <summary>The proxy's bridge: heap and working set as the proxy process reports them.</summary>
    public static async Task<Result> ProxyAsync(VideoPath path, HelperProcess proxy, int count)
    {
        var before = await MemoryAsync(proxy);
        var (open, during) = await HoldAsync(path, count, () => MemoryAsync(proxy));
        await Task.Delay(Settle); // the proxy sees the closes and ends the sessions
        var after = await MemoryAsync(proxy);
        return new Result(path.Name, open, before.Heap, during.Heap, after.Heap, before.Resident, during.Resident, after.Resident, during.Open);
    }

    /// <summary>Any carrier measured from outside: PSS of its process tree (no managed heap).</summary>
    public static async Task<Result> ExternalAsync(VideoPath path, HelperProcess carrier, int count)
    {
        var before = carrier.Pss;
        var (open, during) = await HoldAsync(path, count, () => Task.FromResult(carrier.Pss));
        await Task.Delay(Settle);
        return new Result(path.Name, open, 0, 0, 0, before, during, carrier.Pss, open);
    }

    private static async Task<(int Open, T During)> HoldAsync<T>(VideoPath path, int count, Func<Task<T>> measure)
    {
        var links = new List<VideoLink>(count);
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            // A few at a time, as viewers arrive; not one burst that tests the accept queue instead.
            foreach (var batch in Enumerable.Range(0, count).Chunk(10))
            {
                var opened = await Task.WhenAll(batch.Select(async _ =>
                {
                    var link = await path.OpenAsync(limit.Token);
                    await link.SendAsync(BenchDisplay.Command(BenchDisplay.Idle), limit.Token);
                    return link;
                }));
                links.AddRange(opened);
            }
            await Task.Delay(Settle);
            return (links.Count, await measure());
        }
        finally
        {
            await Task.WhenAll(links.Select(l => l.DisposeAsync().AsTask()));
        }
    }

    private static async Task<(long Heap, long Resident, int Open)> MemoryAsync(HelperProcess proxy)
    {
        var answer = (await proxy.AskAsync("mem")).Split(' ');
        if (answer is not ["mem", var heap, var resident, var open])
        {
            throw new InvalidDataException($"the proxy answered '{string.Join(' ', answer)}' to mem");
        }
        return (long.Parse(heap, CultureInfo.InvariantCulture), long.Parse(resident, CultureInfo.InvariantCulture), int.Parse(open, CultureInfo.InvariantCulture));
    }
}
