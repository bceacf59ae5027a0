using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Hypervisors;

public class HypervisorTypesTests
{
    [Theory]
    [InlineData(true, false, "pure_hypervisor")]
    [InlineData(false, true, "pure_disk_operations")]
    [InlineData(true, true, "mixed")]
    public void Name_Capabilities_ReturnsTheSeedsType(bool hypervisor, bool diskOperations, string expected)
    {
        Assert.Equal(expected, HypervisorTypes.Name(hypervisor, diskOperations));
        Assert.Equal(expected, HypervisorTypes.Name(new HypervisorCapabilities(hypervisor, diskOperations)));
        Assert.Null(HypervisorTypes.Validate(hypervisor, diskOperations));
    }

    [Fact]
    public void Validate_NoCapability_IsRefusedWithNoCapability()
    {
        Assert.Equal(RuleCodes.NoCapability, HypervisorTypes.Validate(false, false)?.Code);
        Assert.Equal(RuleCodes.NoCapability, HypervisorTypes.Validate(new HypervisorCapabilities(false, false))?.Code);
    }

    [Fact]
    public void Name_NoCapability_Throws()
    {
        Assert.Throws<ArgumentException>(() => HypervisorTypes.Name(false, false));
    }
}
