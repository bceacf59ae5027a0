using System.Globalization;

namespace Hyperfleet.Video;

/// <summary>A set of TCP ports written as the seed's <c>VIDEO_HYPERVISOR_PORTS</c>: <c>5900-7899</c>, or <c>5900,5901,6000-6100</c>.</summary>
public sealed class PortRanges
{
    private readonly (int From, int To)[] ranges;

    private PortRanges((int, int)[] ranges) => this.ranges = ranges;

    public bool Contains(int port) => ranges.Any(r => port >= r.From && port <= r.To);

    public static bool TryParse(string? text, out PortRanges ranges, out string error)
    {
        ranges = new PortRanges([]);
        error = "";
        var parsed = new List<(int, int)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535))
            {
                error = $"'{part}' is not a port (1–65535) or a range of ports (5900-7899).";
                return false;
            }
            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var to = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (to < from)
            {
                error = $"'{part}' ends before it starts.";
                return false;
            }
            parsed.Add((from, to));
        }
        if (parsed.Count == 0)
        {
            error = "no ports given (e.g. 5900-7899).";
            return false;
        }
        ranges = new PortRanges([.. parsed]);
        return true;
    }
}
