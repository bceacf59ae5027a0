using System.Collections.Concurrent;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Storage;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Records every run (task, kind, host) and answers as the test says; by default done after a short pause.</summary>
internal sealed class FakeDiskOperations : IDiskOperations
{
    public ConcurrentQueue<(long TaskId, string Kind, string Host)> Runs { get; } = new();

    public Func<DiskTask, Task<DiskOperationOutcome>> Behaviour { get; set; } = async _ =>
    {
        await Task.Delay(Random.Shared.Next(0, 15));
        return DiskOperationOutcome.Done("ok");
    };

    public async Task<DiskOperationOutcome> RunAsync(DiskTask task, SshTarget host, CancellationToken ct)
    {
        Runs.Enqueue((task.Id, task.Kind, host.Host.Split('.')[0]));
        return await Behaviour(task);
    }

    public int RunsOf(long taskId) => Runs.Count(r => r.TaskId == taskId);
}
