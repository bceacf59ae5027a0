using System.Globalization;

namespace Hyperfleet.Bench.Video;

/// <summary>The video benchmark's report: a table per path, the ratios against their targets, idle sessions' memory.</summary>
public static class VideoReport
{
    /// <summary>How the run was made, for the report's head.</summary>
    public sealed record Setting(int Rounds, long Bytes, int Pings, int Idle, string Link, string ProxyGc, string LoadStart, string LoadEnd);

    public static void Print(Setting s, PathResults[] results, List<IdleSessions.Result> idle)
    {
        var (direct, connect, bridge, websockify) = (results[0], results[1], results[2], results[3]);
        var shaped = !s.Link.StartsWith("loopback", StringComparison.Ordinal);
        Console.WriteLine();
        Console.WriteLine(Text($"Video proxy: direct TCP, the CONNECT tunnel, the WebSocket bridge and websockify to one display, over {s.Link}"));
        Console.WriteLine(Text($"machine: {Environment.ProcessorCount} CPUs, load average {s.LoadStart} at the start, {s.LoadEnd} at the end (other work may share the machine)"));
        Console.WriteLine(Text($"processes: display, proxy (VideoProxy, {s.ProxyGc} GC, no TLS, no logging) and websockify each its own; every client in the benchmark's process"));
        Console.WriteLine(Text($"each round, path after path: {s.Bytes >> 20} MiB display→client (down), {s.Bytes >> 20} MiB client→display in 64 KiB writes/messages (up),"));
        Console.WriteLine(Text($"{s.Pings:N0} 1-byte round trips through an echo; {s.Rounds} rounds after a warm-up; a fresh connection (and ticket) per measurement"));
        Console.WriteLine("MiB/s = median round; latency pooled over rounds; CPU = the carrier process tree's user+system seconds per GiB, all rounds");
        Console.WriteLine("(the carrier: the proxy process, websockify with its forked handlers; for direct, the display process itself, for scale)");
        Console.WriteLine();
        Console.WriteLine(Text($"{"",-11} {"",10} {"",9} {"",10} {"",10} {"carrier CPU s/GiB",-18} {"all CPU s/GiB",-14}"));
        Console.WriteLine(Text($"{"path",-11} {"down MiB/s",10} {"up MiB/s",9} {"rtt p50 us",10} {"rtt p99 us",10} {"down",8} {"up",6}    {"down",6} {"up",6}"));
        foreach (var r in results)
        {
            Console.WriteLine(Text($"{r.Path.Name,-11} {r.Down,10:N0} {r.Up,9:N0} {r.PingUs(0.50),10:0.0} {r.PingUs(0.99),10:0.0} {Cpu(r.CpuPerGibDown),8} {Cpu(r.CpuPerGibUp),6}    {Cpu(r.AllCpuPerGibDown),6} {Cpu(r.AllCpuPerGibUp),6}"));
        }
        Console.WriteLine("all CPU = client (this process) + display + carrier. " + (shaped
            ? "Here the link is the bottleneck, and the veth and tbf work (softirq) is charged to whichever"
            : "When the CPUs are the bottleneck (loopback on a busy 2-CPU machine),"));
        Console.WriteLine(shaped
            ? "process happens to run: CPU figures are inflated alike for every path, and the 'CPU-bound' column does not apply."
            : "a path's ratio to direct is bounded by about direct's all-CPU / the path's all-CPU: the 'CPU-bound' column below.");
        Console.WriteLine();
        var (connectTarget, bridgeTarget) = shaped ? (0.95, 0.95) : (0.7, 0.5);
        Console.WriteLine(Text($"{"ratio (of medians)",-24} {"down",6} {"up",6}   {"CPU-bound down",14} {"up",5}   target"));
        Ratio("CONNECT / direct", connect, direct, connectTarget);
        Ratio("WebSocket / direct", bridge, direct, bridgeTarget);
        Ratio("websockify / direct", websockify, direct, shaped ? 0.95 : null);
        Ratio("WebSocket / websockify", bridge, websockify, shaped ? null : 3);
        foreach (var r in results.Skip(1))
        {
            var added = (r.PingUs(0.99) - direct.PingUs(0.99)) / 1000;
            Console.WriteLine(Text($"added p99 round trip vs direct, {r.Path.Name,-10} {added,7:+0.000;-0.000} ms   (p50 {(r.PingUs(0.5) - direct.PingUs(0.5)) / 1000:+0.000;-0.000} ms)   target < 0.5 ms: {Met(added < 0.5)}"));
        }
        foreach (var i in idle)
        {
            Console.WriteLine();
            PrintIdle(i);
        }
    }

    private static void PrintIdle(IdleSessions.Result i)
    {
        if (i.HeapOpen > 0)
        {
            Console.WriteLine(Text($"{i.Count} idle sessions through the {i.Name} bridge ({i.OpenSeen} open in the proxy), proxy process after a forced full compacting GC:"));
            Console.WriteLine(Text($"  managed heap  {Kib(i.HeapBefore),9} KiB before, {Kib(i.HeapOpen),9} open, {Kib(i.HeapAfter),9} after they closed: {i.HeapPerSession / 1024,6:0.0} KiB per session"));
            Console.WriteLine(Text($"  working set   {Kib(i.ResidentBefore),9} KiB before, {Kib(i.ResidentOpen),9} open, {Kib(i.ResidentAfter),9} after they closed: {i.ResidentPerSession / 1024,6:0.0} KiB per session"));
            var worst = Math.Max(i.HeapPerSession, i.ResidentPerSession) / 1024;
            Console.WriteLine(Text($"  target < 64 KiB per idle session (the larger of the two, {worst:0.0} KiB): {Met(worst < 64)}"));
        }
        else
        {
            Console.WriteLine(Text($"{i.Count} idle sessions through {i.Name} (one forked Python process per connection), proportional set size of its process tree:"));
            Console.WriteLine(Text($"  PSS           {Kib(i.ResidentBefore),9} KiB before, {Kib(i.ResidentOpen),9} open, {Kib(i.ResidentAfter),9} after they closed: {i.ResidentPerSession / 1024,6:0.0} KiB per session"));
        }
    }

    private static void Ratio(string name, PathResults path, PathResults baseline, double? target)
    {
        var (down, up) = (path.Down / baseline.Down, path.Up / baseline.Up);
        var (cpuDown, cpuUp) = (baseline.AllCpuPerGibDown / path.AllCpuPerGibDown, baseline.AllCpuPerGibUp / path.AllCpuPerGibUp);
        Console.WriteLine(Text($"{name,-24} {down,5:0.00}x {up,5:0.00}x   {cpuDown,13:0.00}x {cpuUp,4:0.00}x   ") +
            (target is { } t ? Text($">= {t:0.0#} on down: {Met(down >= t)}; on up: {Met(up >= t)}") : "(for reference)"));
    }

    private static string Cpu(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Kib(long bytes) => (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture);

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
