namespace Hyperfleet.Server.Data;

/// <summary>
/// Times as both databases keep them: PostgreSQL stores microseconds and the SQLite encoding 100 µs, while
/// .NET has 100 ns ticks. Whole milliseconds make a value read back equal to the one returned when written.
/// </summary>
public static class StorageClock
{
    public static DateTimeOffset GetUtcNowForStorage(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
