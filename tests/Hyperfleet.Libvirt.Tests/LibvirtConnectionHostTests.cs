namespace Hyperfleet.Libvirt.Tests;

public sealed class LibvirtConnectionHostTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriver.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void GetNodeInfo_TestDriver_ReturnsConsistentTopology()
    {
        var info = _connection.GetNodeInfo();

        Assert.False(string.IsNullOrWhiteSpace(info.CpuModel));
        Assert.True(info.MemoryKiB > 0);
        Assert.True(info.MhZ > 0);
        Assert.True(info.Cpus > 0);
        Assert.Equal(info.Cpus, info.Nodes * info.Sockets * info.Cores * info.Threads);
    }

    [Fact]
    public void GetFreeMemoryBytes_TestDriver_IsPositiveAndBelowTotal()
    {
        var free = _connection.GetFreeMemoryBytes();

        Assert.True(free > 0);
        Assert.True(free <= _connection.GetNodeInfo().MemoryKiB * 1024);
    }

    [Fact]
    public void GetLibVersion_TestDriver_IsAPlausibleLibvirtVersion()
    {
        var version = _connection.GetLibVersion();

        Assert.True(version.Major >= 1, $"libvirt {version}");
        Assert.InRange(version.Minor, 0, 999);
        Assert.InRange(version.Build, 0, 999);
    }

    [Fact]
    public void GetHypervisorVersion_TestDriver_Parses()
    {
        var version = _connection.GetHypervisorVersion();

        Assert.True(version >= new Version(0, 0, 0));
        Assert.InRange(version.Build, 0, 999);
    }

    [Fact]
    public void GetCapabilitiesXml_TestDriver_ContainsHost()
    {
        var xml = _connection.GetCapabilitiesXml();

        Assert.Contains("<capabilities>", xml, StringComparison.Ordinal);
        Assert.Contains("<host>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void GetHostname_TestDriver_IsNotEmpty()
    {
        Assert.False(string.IsNullOrWhiteSpace(_connection.GetHostname()));
    }

    [Fact]
    public void GetCpuTimes_TestDriver_ReportsCounters()
    {
        var earlier = _connection.GetCpuTimes();
        var later = _connection.GetCpuTimes();

        Assert.True(later.TotalNs > 0);
        Assert.InRange(later.UsagePercentSince(earlier), 0.0, 100.0);
    }
}
