using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class SshUserRuleTests
{
    [Theory]
    [InlineData("root")]
    [InlineData("_svc")]
    [InlineData("hyper-fleet")]
    [InlineData("user_01")]
    [InlineData("a")]
    public void Validate_PosixUserName_IsAccepted(string user)
    {
        Assert.Null(SshUserRule.Validate(user));
    }

    [Fact]
    public void Validate_ThirtyTwoCharacters_IsAccepted()
    {
        Assert.Null(SshUserRule.Validate("a" + new string('b', 31)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Root")]
    [InlineData("1user")]
    [InlineData("-user")]
    [InlineData("user@hv1")]
    [InlineData("user name")]
    [InlineData("user$")]
    [InlineData("us.er")]
    [InlineData("root;reboot")]
    public void Validate_NotAPosixUserName_IsRefused(string? user)
    {
        Assert.Equal(RuleCodes.SshUserInvalid, SshUserRule.Validate(user)?.Code);
    }

    [Fact]
    public void Validate_ThirtyThreeCharacters_IsRefused()
    {
        Assert.Equal(RuleCodes.SshUserInvalid, SshUserRule.Validate(new string('a', 33))?.Code);
    }
}
