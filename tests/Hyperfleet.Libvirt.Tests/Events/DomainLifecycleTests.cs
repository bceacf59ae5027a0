using System.Collections.Concurrent;
using Hyperfleet.Libvirt.Events;

namespace Hyperfleet.Libvirt.Tests.Events;

public sealed class DomainLifecycleTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriver.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task DomainLifecycle_StartThenDestroy_DeliversStartedThenStopped()
    {
        var name = TestDriver.UniqueName("events");
        var events = Collect(name);
        using var domain = _connection.DefineDomain(TestDriver.MinimalDomainXml(name));

        domain.Create();
        domain.Destroy();
        domain.Undefine();

        Assert.True(await TestDriver.WaitUntilAsync(() => events.Count >= 4, Deadline), Describe(events));
        Assert.Equal(
            [DomainLifecycleEventType.Defined, DomainLifecycleEventType.Started, DomainLifecycleEventType.Stopped, DomainLifecycleEventType.Undefined],
            events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal(domain.UuidString, e.DomainUuid));

        // VIR_DOMAIN_EVENT_STARTED_BOOTED = 0, VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1.
        Assert.Equal(0, events.ElementAt(1).Detail);
        Assert.Equal(1, events.ElementAt(2).Detail);
    }

    [Fact]
    public async Task DomainLifecycle_Handler_RunsOnTheEventLoopThread()
    {
        var name = TestDriver.UniqueName("thread");
        var onLoopThread = new ConcurrentQueue<bool>();
        _connection.DomainLifecycle += (_, e) =>
        {
            if (e.DomainName == name)
            {
                onLoopThread.Enqueue(LibvirtEventLoop.IsEventLoopThread);
            }
        };

        using var domain = _connection.CreateDomain(TestDriver.MinimalDomainXml(name));
        domain.Destroy();

        Assert.True(await TestDriver.WaitUntilAsync(() => onLoopThread.Count >= 2, Deadline));
        Assert.All(onLoopThread, Assert.True);
        Assert.False(LibvirtEventLoop.IsEventLoopThread);
    }

    [Fact]
    public async Task DomainLifecycle_HandlerThrows_IsReportedAndOtherHandlersStillRun()
    {
        var name = TestDriver.UniqueName("throws");
        var reported = new ConcurrentQueue<Exception>();
        EventHandler<CallbackFailedEventArgs> onFailure = (_, e) =>
        {
            if (e.Exception.Message == name)
            {
                reported.Enqueue(e.Exception);
            }
        };
        LibvirtEventLoop.CallbackFailed += onFailure;
        try
        {
            _connection.DomainLifecycle += (_, e) =>
            {
                if (e.DomainName == name)
                {
                    throw new InvalidOperationException(name);
                }
            };
            var events = Collect(name);

            using var domain = _connection.CreateDomain(TestDriver.MinimalDomainXml(name));
            domain.Destroy();

            Assert.True(await TestDriver.WaitUntilAsync(() => events.Count >= 2 && reported.Count >= 2, Deadline), Describe(events));
            Assert.All(reported, e => Assert.IsType<InvalidOperationException>(e));
        }
        finally
        {
            LibvirtEventLoop.CallbackFailed -= onFailure;
        }
    }

    [Fact]
    public async Task DomainLifecycle_Unsubscribed_StopsReceiving()
    {
        var name = TestDriver.UniqueName("unsub");
        var received = 0;
        EventHandler<DomainLifecycleEventArgs> handler = (_, e) =>
        {
            if (e.DomainName == name)
            {
                Interlocked.Increment(ref received);
            }
        };
        var witness = Collect(name);
        _connection.DomainLifecycle += handler;
        _connection.DomainLifecycle -= handler;

        using var domain = _connection.CreateDomain(TestDriver.MinimalDomainXml(name));
        domain.Destroy();

        // The witness proves the events were dispatched; the removed handler saw none of them.
        Assert.True(await TestDriver.WaitUntilAsync(() => witness.Count >= 2, Deadline));
        Assert.Equal(0, Volatile.Read(ref received));
    }

    [Fact]
    public void DomainLifecycle_SubscribeAfterDispose_ThrowsObjectDisposed()
    {
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.DomainLifecycle += (_, _) => { });
    }

    [Fact]
    public async Task Dispose_WithLifecycleSubscription_StopsDeliveryAndOtherConnectionsStillReceive()
    {
        var name = TestDriver.UniqueName("disposed");
        var disposedReceived = 0;
        var connection = LibvirtConnection.Open(TestDriver.Uri);
        connection.DomainLifecycle += (_, e) =>
        {
            if (e.DomainName == name)
            {
                Interlocked.Increment(ref disposedReceived);
            }
        };
        var witness = Collect(name);
        connection.Dispose();

        using var domain = _connection.CreateDomain(TestDriver.MinimalDomainXml(name));
        domain.Destroy();

        Assert.True(await TestDriver.WaitUntilAsync(() => witness.Count >= 2, Deadline));
        Assert.Equal(0, Volatile.Read(ref disposedReceived));
    }

    private ConcurrentQueue<DomainLifecycleEventArgs> Collect(string domainName)
    {
        // The test driver's state is shared by the whole process: keep only this test's domain.
        var events = new ConcurrentQueue<DomainLifecycleEventArgs>();
        _connection.DomainLifecycle += (_, e) =>
        {
            if (e.DomainName == domainName)
            {
                events.Enqueue(e);
            }
        };
        return events;
    }

    private static string Describe(IEnumerable<DomainLifecycleEventArgs> events) =>
        "received: " + string.Join(", ", events.Select(e => $"{e.EventType}/{e.Detail}"));
}
