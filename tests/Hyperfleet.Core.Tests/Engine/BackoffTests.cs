using Hyperfleet.Core.Engine;

namespace Hyperfleet.Core.Tests.Engine;

public sealed class BackoffTests
{
    [Fact]
    public void Next_GrowsExponentiallyWithinJitterBoundsAndStopsAtTheCap()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));
        double[] bases = [1, 2, 4, 8, 16, 30, 30, 30];
        foreach (var b in bases)
        {
            var delay = backoff.Next().TotalSeconds;
            Assert.InRange(delay, b / 2, b);
        }
    }

    [Fact]
    public void Reset_AfterSuccess_StartsAgainAtAboutOneSecond()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Next_ForAFleetFailingTogether_SpreadsTheRetries()
    {
        var delays = Enumerable.Range(0, 50)
            .Select(seed => new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(seed)))
            .Select(b => { b.Next(); b.Next(); return Math.Round(b.Next().TotalMilliseconds); })
            .Distinct().Count();
        Assert.True(delays > 40, $"only {delays} distinct delays of 50");
    }
}
