using Hyperfleet.Libvirt;
using Hyperfleet.Server.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Hyperfleet.Server.Tests.Engine;

/// <summary>Start lanes on libvirt's in-process test driver: a lane that cannot be opened never fails a start.</summary>
public sealed class DomainLanesTests
{
    private const string Unopenable = "test:///nonexistent/hyperfleet-no-such-file.xml";

    [Fact]
    public void Use_LaneCannotBeOpened_RunsOnTheEngineConnection_AndWaitsBeforeTryingAgain()
    {
        using var engine = LibvirtConnection.Open("test:///default");
        var time = new FakeTimeProvider();
        var failures = new List<Exception>();
        using var lanes = new DomainLanes(Unopenable, 2, engine, time, failures.Add);

        var first = lanes.Use(c => c, CancellationToken.None);
        var second = lanes.Use(c => c, CancellationToken.None);

        Assert.Same(engine, first);
        Assert.Same(engine, second);
        Assert.Single(failures);

        time.Advance(DomainLanes.OpenRetryAfter);
        Assert.Same(engine, lanes.Use(c => c, CancellationToken.None));
        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public void Use_LaneOpens_RunsOnItsOwnConnection_AndReusesIt()
    {
        using var engine = LibvirtConnection.Open("test:///default");
        using var lanes = new DomainLanes("test:///default", 2, engine, new FakeTimeProvider());

        var first = lanes.Use(c => c, CancellationToken.None);
        var second = lanes.Use(c => c, CancellationToken.None);

        Assert.NotSame(engine, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Warm_OpensOneLaneAhead_WhichTheFirstStartUses()
    {
        using var engine = LibvirtConnection.Open("test:///default");
        using var lanes = new DomainLanes("test:///default", 2, engine, new FakeTimeProvider());

        lanes.Warm();
        lanes.Warm();

        Assert.Equal(1, lanes.IdleLanes);
        Assert.NotSame(engine, lanes.Use(c => c, CancellationToken.None));
        Assert.Equal(1, lanes.IdleLanes);
    }

    [Fact]
    public async Task IdleLanes_ClosedAfterAMinute_ExceptTheLastOne()
    {
        using var engine = LibvirtConnection.Open("test:///default");
        var time = new FakeTimeProvider();
        using var lanes = new DomainLanes("test:///default", 2, engine, time);
        using var together = new Barrier(2);
        LibvirtConnection Hold(LibvirtConnection c)
        {
            together.SignalAndWait(TimeSpan.FromSeconds(10));
            return c;
        }
        var both = await Task.WhenAll(Task.Run(() => lanes.Use(Hold, CancellationToken.None)), Task.Run(() => lanes.Use(Hold, CancellationToken.None)));
        Assert.NotSame(both[0], both[1]);
        Assert.Equal(2, lanes.IdleLanes);

        time.Advance(TimeSpan.FromMinutes(2));
        var kept = lanes.Use(c => c, CancellationToken.None);

        Assert.Contains(kept, both);
        Assert.Equal(1, lanes.IdleLanes);
    }
}
