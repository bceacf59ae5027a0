namespace Hyperfleet.Core.Engine;

/// <summary>
/// Capped exponential backoff with jitter for reconnecting to a failing hypervisor: about 1 s, 2 s, 4 s …
/// up to the cap. Jitter ("equal jitter": half fixed, half random) spreads a fleet that failed together
/// (a switch reboot) so it does not reconnect in lockstep.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan cap, Random random)
{
    private int attempt;

    /// <summary>Delay before the next retry; each call doubles the base until the cap.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(attempt, 30);
        attempt++;
        var baseDelay = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var half = baseDelay / 2;
        return TimeSpan.FromMilliseconds(half + (random.NextDouble() * half));
    }

    /// <summary>Back to the initial delay, after a success.</summary>
    public void Reset() => attempt = 0;

    /// <summary>How many delays were handed out since the last reset.</summary>
    public int Attempts => attempt;
}
