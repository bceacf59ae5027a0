using System.Globalization;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// CPU time and proportional memory of a process and its live descendants, from <c>/proc</c>: websockify forks a
/// handler per connection, so its own counters alone would miss the work.
/// </summary>
public static class ProcessTree
{
    // USER_HZ: 100 on every Linux the testbed runs.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU of the process, its live descendants and its reaped children.</summary>
    public static TimeSpan Cpu(int root)
    {
        long ticks = 0;
        foreach (var (_, fields) in Tree(root))
        {
            ticks += Field(fields, 14) + Field(fields, 15) + Field(fields, 16) + Field(fields, 17);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Proportional set size (shared pages split among sharers) summed over the tree, bytes.</summary>
    public static long Pss(int root)
    {
        long kib = 0;
        foreach (var (pid, _) in Tree(root))
        {
            var rollup = Read($"/proc/{pid}/smaps_rollup");
            var line = rollup?.Split('\n').FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            if (line is not null)
            {
                kib += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        return kib * 1024;
    }

    /// <summary>Processes in the tree under <paramref name="root"/> (itself included), with their <c>stat</c> fields.</summary>
    private static List<(int Pid, string[] Fields)> Tree(int root)
    {
        var all = new Dictionary<int, string[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } fields)
            {
                all[pid] = fields;
            }
        }
        var tree = new List<(int, string[])>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var pid))
        {
            if (!all.TryGetValue(pid, out var fields))
            {
                continue;
            }
            tree.Add((pid, fields));
            foreach (var (child, childFields) in all)
            {
                if (Field(childFields, 4) == pid)
                {
                    frontier.Enqueue(child);
                }
            }
        }
        return tree;
    }

    // Fields after the command name, which may hold spaces and parentheses: field n of proc(5) is index n - 3.
    private static string[]? Stat(int pid)
    {
        var text = Read($"/proc/{pid}/stat");
        var close = text?.LastIndexOf(')') ?? -1;
        return close < 0 ? null : text![(close + 2)..].Split(' ');
    }

    private static long Field(string[] fields, int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended meanwhile
        }
    }
}
