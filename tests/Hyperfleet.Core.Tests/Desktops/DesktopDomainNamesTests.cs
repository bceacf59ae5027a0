using Hyperfleet.Core.Desktops;

namespace Hyperfleet.Core.Tests.Desktops;

public sealed class DesktopDomainNamesTests
{
    [Theory]
    [InlineData("hf-d1", true, "d1")]
    [InlineData("hf-", false, "")]
    [InlineData("win10", false, "")]
    [InlineData("HF-d1", false, "")]
    [InlineData(null, false, "")]
    public void TryGetDesktopId_Names(string? name, bool ours, string id)
    {
        Assert.Equal(ours, DesktopDomainNames.TryGetDesktopId(name, out var desktopId));
        Assert.Equal(id, desktopId);
    }

    [Fact]
    public void UuidOf_StablePerDesktopAndDistinct()
    {
        Assert.Equal(DesktopDomainNames.UuidOf("d1"), DesktopDomainNames.UuidOf("d1"));
        Assert.NotEqual(DesktopDomainNames.UuidOf("d1"), DesktopDomainNames.UuidOf("d2"));
        Assert.Equal('8', DesktopDomainNames.UuidOf("d1").ToString("D")[14]);
    }
}
