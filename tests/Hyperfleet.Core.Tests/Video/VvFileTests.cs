using Hyperfleet.Core.Video;

namespace Hyperfleet.Core.Tests.Video;

public sealed class VvFileTests
{
    [Fact]
    public void Build_HasWhatRemoteViewerNeeds()
    {
        var text = VvFile.Build("10.203.0.12", 5901, "secretpw", "cp.example.org", 8081, "abc.def", "Maths lab 3");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("[virt-viewer]", lines[0]);
        Assert.Contains("type=spice", lines);
        Assert.Contains("host=10.203.0.12", lines);
        Assert.Contains("port=5901", lines);
        Assert.Contains("password=secretpw", lines);
        Assert.Contains("proxy=http://ticket:abc.def@cp.example.org:8081", lines);
        Assert.Contains("delete-this-file=1", lines);
        Assert.Contains("title=Maths lab 3", lines);
    }

    [Fact]
    public void Build_TitleWithLineBreak_AddsNoKey()
    {
        var text = VvFile.Build("h", 5901, "pw", "p", 1, "t", "x\nhost=evil");

        Assert.Single(text.Split('\n'), l => l.StartsWith("host=", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Ipv6Proxy_IsBracketed() =>
        Assert.Contains("@[::1]:8081", VvFile.Build("h", 5901, "pw", "::1", 8081, "t", "x"), StringComparison.Ordinal);
}
