using Hyperfleet.Core.Video;

namespace Hyperfleet.Core.Tests.Video;

public sealed class DisplayPasswordsTests
{
    [Fact]
    public void New_Vnc_IsEightSafeCharactersAndFreshEachTime()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => DisplayPasswords.New(DisplayPasswords.VncLength)).ToList();

        Assert.All(passwords, p => Assert.Matches("^[a-zA-Z2-9]{8}$", p));
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
