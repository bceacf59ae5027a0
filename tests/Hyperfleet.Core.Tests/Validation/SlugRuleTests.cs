using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class SlugRuleTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("hv1")]
    [InlineData("isard-hypervisor")]
    [InlineData("hv--1")]
    [InlineData("0-nas")]
    public void Validate_Slug_IsAccepted(string id)
    {
        Assert.Null(SlugRule.Validate(id));
    }

    [Fact]
    public void Validate_SixtyThreeCharacters_IsAccepted()
    {
        Assert.Null(SlugRule.Validate(new string('a', 63)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-hv1")]
    [InlineData("hv1-")]
    [InlineData("-")]
    [InlineData("HV1")]
    [InlineData("hv_1")]
    [InlineData("hv.1")]
    [InlineData("hv 1")]
    [InlineData("hv/1")]
    [InlineData("hvé")]
    public void Validate_NotASlug_IsRefusedWithIdInvalid(string? id)
    {
        Assert.Equal(RuleCodes.IdInvalid, SlugRule.Validate(id)?.Code);
    }

    [Fact]
    public void Validate_SixtyFourCharacters_IsRefusedWithIdInvalid()
    {
        Assert.Equal(RuleCodes.IdInvalid, SlugRule.Validate(new string('a', 64))?.Code);
    }
}
