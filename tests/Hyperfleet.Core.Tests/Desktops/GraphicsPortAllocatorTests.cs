using Hyperfleet.Core.Desktops;

namespace Hyperfleet.Core.Tests.Desktops;

public sealed class GraphicsPortAllocatorTests
{
    [Theory]
    [InlineData(new int[0], 5900)]
    [InlineData(new[] { 5900, 5901 }, 5902)]
    [InlineData(new[] { 5901 }, 5902)]
    [InlineData(new[] { 5900, 5901, 5904, 5905 }, 5902)]
    [InlineData(new[] { 80, 443, 9000 }, 5900)]
    public void LowestFreePair_Used_SkipsEveryPairTouched(int[] used, int expectedVnc)
    {
        var pair = GraphicsPortAllocator.LowestFreePair(used);
        Assert.Equal(new GraphicsPorts(expectedVnc, expectedVnc + 1), pair);
    }

    [Fact]
    public void LowestFreePair_RangeFull_Null() =>
        Assert.Null(GraphicsPortAllocator.LowestFreePair(Enumerable.Range(5900, 2000)));

    [Fact]
    public void LowestFreePair_OnlyLastFree_LastPairInsideRange() =>
        Assert.Equal(new GraphicsPorts(7898, 7899), GraphicsPortAllocator.LowestFreePair(Enumerable.Range(5900, 1998)));

    [Fact]
    public void PairAt_Bounds() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphicsPortAllocator.PairAt(GraphicsPortAllocator.PairCount));
}
