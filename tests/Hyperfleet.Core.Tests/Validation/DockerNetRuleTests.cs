using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class DockerNetRuleTests
{
    [Theory]
    [InlineData("172.31.255")]
    [InlineData("10.0.0")]
    [InlineData("192.168.100")]
    public void Validate_ThreeOctets_IsAccepted(string value)
    {
        Assert.Null(DockerNetRule.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("172.31")]
    [InlineData("172.31.255.0")]
    [InlineData("172.31.255.")]
    [InlineData("172.31.256")]
    [InlineData("172.031.255")]
    [InlineData("172.31.255/24")]
    [InlineData("net")]
    [InlineData("172.31.255; rm -rf /")]
    public void Validate_NotThreeOctets_IsRefusedNamingTheSetting(string? value)
    {
        var error = DockerNetRule.Validate(value);

        Assert.Equal(RuleCodes.DockerNetInvalid, error?.Code);
        Assert.Equal("DOCKER_NET", error?.Field);
    }
}
