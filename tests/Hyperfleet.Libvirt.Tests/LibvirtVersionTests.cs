namespace Hyperfleet.Libvirt.Tests;

public class LibvirtVersionTests
{
    [Theory]
    [InlineData(9_000_000UL, "9.0.0")]
    [InlineData(7_002_001UL, "7.2.1")]
    [InlineData(1_002_017UL, "1.2.17")]
    [InlineData(10_010_999UL, "10.10.999")]
    [InlineData(2UL, "0.0.2")]
    [InlineData(0UL, "0.0.0")]
    public void Decode_LibvirtInteger_IsMajorMinorRelease(ulong encoded, string expected)
    {
        Assert.Equal(Version.Parse(expected), LibvirtVersion.Decode(encoded));
    }
}
