namespace Hyperfleet.Libvirt.Tests;

public class NodeCpuTimesTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, 100, 100, 200, 0, 50.0)]
    [InlineData(10, 10, 80, 0, 10, 10, 180, 0, 0.0)]
    [InlineData(0, 0, 0, 0, 30, 20, 40, 10, 50.0)]
    [InlineData(0, 0, 0, 0, 0, 0, 0, 0, 0.0)]
    public void UsagePercentSince_TwoSamples_IsBusyShareOfElapsed(
        long k0, long u0, long i0, long w0, long k1, long u1, long i1, long w1, double expected)
    {
        var earlier = new NodeCpuTimes(k0, u0, i0, w0);
        var later = new NodeCpuTimes(k1, u1, i1, w1);

        Assert.Equal(expected, later.UsagePercentSince(earlier), precision: 6);
    }

    [Fact]
    public void UsagePercentSince_CountersWentBackwards_IsZero()
    {
        var beforeReboot = new NodeCpuTimes(1_000, 1_000, 1_000, 0);
        var afterReboot = new NodeCpuTimes(10, 10, 10, 0);

        Assert.Equal(0.0, afterReboot.UsagePercentSince(beforeReboot));
    }
}
