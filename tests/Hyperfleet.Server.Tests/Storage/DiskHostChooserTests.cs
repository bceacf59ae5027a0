using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Storage;
using static Hyperfleet.Server.Tests.Storage.StorageArrange;

namespace Hyperfleet.Server.Tests.Storage;

public sealed class DiskHostChooserTests
{
    private static readonly HashSet<string> All = ["pure", "mixed", "disk", "disk2", "off", "disabled", "unpinned"];

    [Fact]
    public void Choose_NeverAPureHypervisorOrAnUnusableHost()
    {
        var unpinned = Host("unpinned");
        unpinned.SshHostKey = null;
        var hosts = new[] { Host("pure", hypervisor: true, disk: false), Host("off", status: HypervisorStatus.Offline), Host("disabled", enabled: false), unpinned };
        Assert.Null(DiskHostChooser.Choose(hosts, All, new Dictionary<string, int>()));
    }

    [Fact]
    public void Choose_OnlyPoolMembers()
    {
        var hosts = new[] { Host("disk"), Host("mixed", hypervisor: true) };
        Assert.Equal("mixed", DiskHostChooser.Choose(hosts, new HashSet<string> { "mixed" }, new Dictionary<string, int>())!.Id);
        Assert.Null(DiskHostChooser.Choose(hosts, new HashSet<string>(), new Dictionary<string, int>()));
    }

    [Theory]
    [InlineData(0, 0, "disk")]
    [InlineData(1, 0, "disk2")]
    [InlineData(2, 1, "disk2")]
    [InlineData(3, 5, "disk")]
    public void Choose_LeastInFlight_TiesById(int first, int second, string expected)
    {
        var hosts = new[] { Host("disk2"), Host("disk") };
        var inFlight = new Dictionary<string, int> { ["disk"] = first, ["disk2"] = second };
        Assert.Equal(expected, DiskHostChooser.Choose(hosts, All, inFlight)!.Id);
    }
}
