using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class PortNumberRuleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(22)]
    [InlineData(2022)]
    [InlineData(65535)]
    public void Validate_PortInRange_IsAccepted(int port)
    {
        Assert.Null(PortNumberRule.Validate(port));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Validate_PortOutOfRange_IsRefused(int port)
    {
        Assert.Equal(RuleCodes.PortOutOfRange, PortNumberRule.Validate(port)?.Code);
    }

    [Fact]
    public void Validate_FieldGiven_MessageAndErrorNameIt()
    {
        var error = PortNumberRule.Validate(0, "WG_HYPERS_PORT");

        Assert.NotNull(error);
        Assert.Equal("WG_HYPERS_PORT", error.Field);
        Assert.StartsWith("WG_HYPERS_PORT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5900, 7899)]
    [InlineData(1, 65535)]
    [InlineData(8080, 8080)]
    public void ValidateRange_OrderedPorts_IsAccepted(int first, int last)
    {
        Assert.Null(PortNumberRule.ValidateRange(first, last));
    }

    [Theory]
    [InlineData(7899, 5900)]
    [InlineData(0, 10)]
    [InlineData(10, 65536)]
    public void ValidateRange_ReversedOrOutOfRange_IsRefused(int first, int last)
    {
        Assert.Equal(RuleCodes.PortOutOfRange, PortNumberRule.ValidateRange(first, last)?.Code);
    }
}
