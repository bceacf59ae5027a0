namespace Hyperfleet.Video.Tests;

public sealed class PortRangesTests
{
    [Theory]
    [InlineData("5900-7899", 5900, true)]
    [InlineData("5900-7899", 7899, true)]
    [InlineData("5900-7899", 7900, false)]
    [InlineData("5900,6000-6010", 6005, true)]
    [InlineData("5900,6000-6010", 5950, false)]
    public void Contains_SeedsForm(string text, int port, bool expected)
    {
        Assert.True(PortRanges.TryParse(text, out var ranges, out _));
        Assert.Equal(expected, ranges.Contains(port));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7899-5900")]
    [InlineData("59x0")]
    [InlineData("0-10")]
    [InlineData("1-2-3")]
    [InlineData("70000")]
    public void TryParse_Bad_SaysWhy(string text)
    {
        Assert.False(PortRanges.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Validate_BadSettings_NamesEveryOne()
    {
        var problems = VideoProxyOptionsValidator.Validate(new VideoProxyOptions
        {
            BrowserEndpoint = "nowhere", AllowedPorts = "x", AllowedOrigins = "not an origin", PingInterval = TimeSpan.Zero, ProxyName = "",
        });

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("BrowserEndpoint", StringComparison.Ordinal));
    }
}
