using Hyperfleet.Core.Configuration;

namespace Hyperfleet.Core.Tests.Configuration;

public sealed class CfgFileTests
{
    [Fact]
    public void Parse_ShellStyleLines_LaterWinsQuotesAndCommentsDropped()
    {
        var file = CfgFile.Parse("# comment\n\nA=1\nexport B=\"two words\"\nC='x'\nA=3\r\nEMPTY=\n");
        Assert.Empty(file.Problems);
        Assert.Equal("3", file.Get("A"));
        Assert.Equal("two words", file.Get("B"));
        Assert.Equal("x", file.Get("C"));
        Assert.Null(file.Get("EMPTY"));
        Assert.Null(file.Get("MISSING"));
    }

    [Theory]
    [InlineData("no equals sign")]
    [InlineData("=value")]
    [InlineData("1KEY=value")]
    [InlineData("KEY-NAME=value")]
    public void Parse_LineThatIsNotASetting_IsAProblemWithItsLineNumber(string line)
    {
        var file = CfgFile.Parse("OK=1\n" + line);
        Assert.Equal(["line 2: '" + line + "' is not KEY=value"], file.Problems);
    }

    [Fact]
    public void Set_RewritesTheLastSettingInPlace_OrAppends()
    {
        var text = "# keep me\nA=1\nB=2\nA=9\n";
        Assert.Equal("# keep me\nA=1\nB=2\nA=new\n", CfgFile.Set(text, "A", "new"));
        Assert.Equal("# keep me\nA=1\nB=2\nA=9\nC=3\n", CfgFile.Set(text, "C", "3"));
        Assert.Equal("C=3\n", CfgFile.Set("", "C", "3"));
    }
}
