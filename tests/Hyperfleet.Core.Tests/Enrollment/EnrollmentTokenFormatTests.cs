using Hyperfleet.Core.Enrollment;

namespace Hyperfleet.Core.Tests.Enrollment;

public sealed class EnrollmentTokenFormatTests
{
    [Fact]
    public void NewParts_MakeAWellFormedToken_EveryTimeADifferentOne()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => EnrollmentTokenFormat.NewId() + "." + EnrollmentTokenFormat.NewSecret()).ToList();
        Assert.All(tokens, t => Assert.True(EnrollmentTokenFormat.IsWellFormed(t), t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.Equal(tokens[0][..6], EnrollmentTokenFormat.IdOf(tokens[0]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc123")]
    [InlineData("ABC123.0123456789abcdef")]
    [InlineData("abc123.0123456789abcde")]
    [InlineData("abc123.0123456789abcdef0")]
    [InlineData("abc123-0123456789abcdef")]
    [InlineData("hfh_abc123.0123456789abcdef")]
    public void IsWellFormed_OtherShapes_AreNot(string? token)
    {
        Assert.False(EnrollmentTokenFormat.IsWellFormed(token));
        Assert.Null(EnrollmentTokenFormat.IdOf(token));
    }
}
