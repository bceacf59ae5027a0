using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// The data plane's view of a fault: a ping every 20 ms over the overlay, each reply stamped by ping itself (<c>-D</c>,
/// wall clock), so an outage is measured where it happens, not where the API reports it.
/// </summary>
public sealed partial class OverlayPing : IDisposable
{
    private const double Interval = 0.02;
    private readonly Process process;
    private readonly List<(double At, int Seq)> replies = [];

    private OverlayPing(string from, string to, string address)
    {
        From = from;
        To = to;
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", from, "ping", "-n", "-D", "-i", Interval.ToString(CultureInfo.InvariantCulture), address })
        {
            info.ArgumentList.Add(a);
        }
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Reply().Match(line) is { Success: true } m)
            {
                lock (replies)
                {
                    replies.Add((double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string From { get; }

    public string To { get; }

    /// <summary>What the ping saw after a fault at <c>At</c>: the longest gap between replies, when replies came back, and how many were lost.</summary>
    public sealed record Outage(double GapSeconds, double BackAfterSeconds, int Lost);

    public static OverlayPing Start(string from, string to, string address) => new(from, to, address);

    /// <summary>Now, on the clock ping stamps its replies with.</summary>
    public static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Replies flow again after <paramref name="since"/>: the last ten, consecutive, the newest within 0.2 s.</summary>
    public bool Flowing(double since)
    {
        lock (replies)
        {
            var recent = replies.Where(r => r.At > since).TakeLast(10).ToList();
            return recent.Count == 10 && recent[^1].Seq - recent[0].Seq == 9 && Now() - recent[^1].At < 0.2;
        }
    }

    /// <summary>
    /// The longest silence that ended after <paramref name="fault"/> (from the last reply before it), or null when no reply
    /// came after it. A gap of about the interval means no loss at all.
    /// </summary>
    public Outage? After(double fault)
    {
        List<(double At, int Seq)> all;
        lock (replies)
        {
            all = [.. replies.OrderBy(r => r.Seq)];
        }
        var before = all.LastOrDefault(r => r.At < fault);
        var after = all.Where(r => r.At >= fault).ToList();
        if (after.Count == 0)
        {
            return null;
        }
        var previous = before == default ? (At: fault, Seq: after[0].Seq - 1) : before;
        Outage? worst = null;
        foreach (var r in after)
        {
            var gap = r.At - previous.At;
            if (worst is null || gap > worst.GapSeconds)
            {
                worst = new Outage(gap, r.At - fault, r.Seq - previous.Seq - 1);
            }
            previous = r;
        }
        return worst;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        process.Dispose();
    }

    [GeneratedRegex(@"^\[(\d+\.\d+)\].*icmp_seq=(\d+)")]
    private static partial Regex Reply();
}
