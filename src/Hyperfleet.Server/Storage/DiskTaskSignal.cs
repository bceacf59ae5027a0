namespace Hyperfleet.Server.Storage;

/// <summary>
/// Wakes this replica's idle workers when a task was just queued here, so they need not wait for their next poll.
/// Tasks queued by other replicas are found by polling.
/// </summary>
public sealed class DiskTaskSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            fired = next;
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        fired.TrySetResult();
    }

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task WaitAsync()
    {
        lock (gate)
        {
            return next.Task;
        }
    }
}
