using System.Diagnostics;

namespace Hyperfleet.Bench.Video;

/// <summary>What one path measured over all rounds.</summary>
public sealed class PathResults(VideoPath path)
{
    public VideoPath Path { get; } = path;
    public List<VideoMeasure.Transfer> Downs { get; } = [];
    public List<VideoMeasure.Transfer> Ups { get; } = [];
    public List<long> Pings { get; } = [];

    /// <summary>Median of the rounds (of the middle two for an even count), MiB/s.</summary>
    public double Down => Median(Downs.Select(t => t.MibPerSecond));

    public double Up => Median(Ups.Select(t => t.MibPerSecond));

    /// <summary>The carrier's CPU seconds per GiB carried, over all rounds.</summary>
    public double CpuPerGibDown => CpuPerGib(Downs);

    public double CpuPerGibUp => CpuPerGib(Ups);

    /// <summary>Everyone's CPU seconds per GiB: client, display and carrier together.</summary>
    public double AllCpuPerGibDown => AllCpuPerGib(Downs);

    public double AllCpuPerGibUp => AllCpuPerGib(Ups);

    /// <summary>Round-trip percentile over all rounds, microseconds.</summary>
    public double PingUs(double p)
    {
        var sorted = Pings.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))] * 1_000_000.0 / Stopwatch.Frequency;
    }

    private static double CpuPerGib(List<VideoMeasure.Transfer> transfers) =>
        transfers.Sum(t => t.CarrierCpu.TotalSeconds) / (transfers.Sum(t => t.Bytes) / 1073741824.0);

    private static double AllCpuPerGib(List<VideoMeasure.Transfer> transfers) =>
        transfers.Sum(t => t.AllCpu.TotalSeconds) / (transfers.Sum(t => t.Bytes) / 1073741824.0);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
