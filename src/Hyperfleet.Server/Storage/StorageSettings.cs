namespace Hyperfleet.Server.Storage;

/// <summary>The disk-task workers' settings, bound from <c>Hyperfleet:Storage</c>.</summary>
public sealed class StorageSettings
{
    /// <summary>How many disk tasks one replica runs at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often an idle worker looks for queued tasks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim holds without renewal. A running worker renews it every third of this; a task whose lease
    /// ran out (its worker or replica died) is claimed again.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before a task that failed transiently (host unreachable) runs again; doubles up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this many attempts a task that keeps failing transiently is failed for good.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Longest a single disk command may run (a convert of a large image takes a while).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromHours(2);
}
