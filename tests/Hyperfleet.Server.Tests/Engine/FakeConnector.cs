using System.Collections.Concurrent;
using Hyperfleet.Server.Engine;

namespace Hyperfleet.Server.Tests.Engine;

/// <summary>
/// Stands in for SSH + libvirt so the engine's state machine can be tested fast: each hypervisor id is
/// scripted as reachable or failing, and a live session can be "lost" on demand.
/// </summary>
public sealed class FakeConnector : IHypervisorConnector
{
    private readonly ConcurrentDictionary<string, HypervisorUnavailableException?> failures = new();
    private readonly ConcurrentDictionary<string, FakeSession> sessions = new();

    public ConcurrentQueue<HypervisorTarget> Attempts { get; } = new();

    public void FailWith(string id, string reason, string detail) => failures[id] = new HypervisorUnavailableException(reason, detail);

    public void Heal(string id) => failures[id] = null;

    private readonly ConcurrentDictionary<string, bool> hanging = new();

    /// <summary>Connect attempts to this hypervisor never finish (until cancelled), like a host that swallows packets.</summary>
    public void HangOn(string id) => hanging[id] = true;

    /// <summary>Drops the live session of a hypervisor, as a keepalive timeout or a dead libvirtd would.</summary>
    public void Lose(string id, string reason, string detail)
    {
        if (sessions.TryGetValue(id, out var session))
        {
            session.LostSource.TrySetResult(new HypervisorUnavailableException(reason, detail));
        }
    }

    public bool IsConnected(string id) => sessions.TryGetValue(id, out var s) && !s.Disposed && !s.LostSource.Task.IsCompleted;

    public Task<IHypervisorSession> ConnectAsync(HypervisorTarget target, CancellationToken ct)
    {
        Attempts.Enqueue(target);
        if (hanging.ContainsKey(target.Id))
        {
            return HangAsync(ct);
        }
        if (failures.TryGetValue(target.Id, out var failure) && failure is not null)
        {
            throw failure;
        }
        var session = new FakeSession(new HypervisorFacts("10.0.0", "7.2.0", "Fake CPU", 8, 16384, true, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests0000000000000000000000000000"));
        sessions[target.Id] = session;
        return Task.FromResult<IHypervisorSession>(session);
    }

    private static async Task<IHypervisorSession> HangAsync(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new OperationCanceledException(ct);
    }

    public sealed class FakeSession(HypervisorFacts facts) : IHypervisorSession
    {
        public TaskCompletionSource<HypervisorUnavailableException> LostSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Disposed { get; private set; }
        public HypervisorFacts Facts { get; } = facts;
        public Task<HypervisorUnavailableException> Lost => LostSource.Task;

        public Task<HypervisorSample> SampleAsync(CancellationToken ct) => Task.FromResult(new HypervisorSample(12.5, 8000, 16384, 3));

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
