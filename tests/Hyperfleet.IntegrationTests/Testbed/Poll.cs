namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>Waits for a condition by polling it against a deadline.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns how long it took until <paramref name="condition"/> held; throws when it did not in time.</summary>
    public static async Task<TimeSpan> UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string description, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var start = time.GetTimestamp();
        while (true)
        {
            if (await condition())
            {
                return time.GetElapsedTime(start);
            }

            if (time.GetElapsedTime(start) >= timeout)
            {
                throw new TimeoutException($"{description}: not within {timeout.TotalSeconds:0.0} s");
            }

            await Task.Delay(Interval, time);
        }
    }
}
