using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Builds disk-task workers over a test server's database, each as a separate replica would have it.</summary>
internal static class Workers
{
    public static StorageSettings Fast(TimeSpan? lease = null, int workers = 4, int maxAttempts = 10, TimeSpan? backoff = null) => new()
    {
        Workers = workers,
        PollInterval = TimeSpan.FromMilliseconds(50),
        Lease = lease ?? TimeSpan.FromSeconds(30),
        BackoffInitial = backoff ?? TimeSpan.FromMilliseconds(50),
        BackoffCap = backoff ?? TimeSpan.FromMilliseconds(200),
        MaxAttempts = maxAttempts,
    };

    public static DiskTaskClaims Claims(ApiFixture fixture, StorageSettings settings) =>
        new(fixture.Services.GetRequiredService<IServiceScopeFactory>(), settings, TimeProvider.System);

    public static DiskTaskCompletion Completion(ApiFixture fixture, StorageSettings settings, DiskTaskSignal? signal = null) =>
        new(fixture.Services.GetRequiredService<IServiceScopeFactory>(), fixture.Services.GetRequiredService<ChangeFeed>(), signal ?? new DiskTaskSignal(),
            settings, TimeProvider.System);

    public static async Task<DiskTaskWorker> StartAsync(ApiFixture fixture, IDiskOperations operations, StorageSettings settings)
    {
        var signal = new DiskTaskSignal();
        var worker = new DiskTaskWorker(Claims(fixture, settings), Completion(fixture, settings, signal), operations, signal,
            fixture.Services.GetRequiredService<ChangeFeed>(), settings, TimeProvider.System, NullLogger<DiskTaskWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    /// <summary>Waits until every task is done or failed.</summary>
    public static Task FinishedAsync(ApiFixture fixture, IReadOnlyCollection<long> ids, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => fixture.WithDbAsync(async db =>
            await db.DiskTasks.CountAsync(t => ids.Contains(t.Id) && (t.Status == DiskTaskStatuses.Done || t.Status == DiskTaskStatuses.Failed)) == ids.Count),
            timeout ?? TimeSpan.FromSeconds(30), "tasks finished");

    /// <summary>Takes the test's hosts out of service so that nothing it left behind is claimed by another test.</summary>
    public static Task RetireAsync(ApiFixture fixture, params string[] hosts) =>
        fixture.WithDbAsync(db => db.Hypervisors.Where(h => hosts.Contains(h.Id)).ExecuteUpdateAsync(s => s.SetProperty(h => h.Enabled, false)));
}
