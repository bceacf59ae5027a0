using Hyperfleet.Core.Ssh;

namespace Hyperfleet.Core.Tests.Ssh;

public sealed class SshPublicKeyTextTests
{
    // ssh-keygen -t ed25519 output (a throwaway key).
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIuMLWfET74R1hrkA3Qcr/XDhln2ao7R/Si09D5rB7pj root@hv1";
    private const string Blob = "AAAAC3NzaC1lZDI1NTE5AAAAIIuMLWfET74R1hrkA3Qcr/XDhln2ao7R/Si09D5rB7pj";

    [Fact]
    public void Normalize_AnOpenSshLine_DropsTheComment()
    {
        Assert.Equal("ssh-ed25519 " + Blob, SshPublicKeyText.Normalize("  " + Ed25519 + "\t"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Blob)]
    [InlineData("ssh-dss " + Blob)]
    [InlineData("ssh-rsa " + Blob)]
    [InlineData("ssh-ed25519 not*base64")]
    [InlineData("ssh-ed25519 AAAA")]
    [InlineData(Ed25519 + "\n" + Ed25519)]
    public void Normalize_NotOneHostKey_IsNull(string text) => Assert.Null(SshPublicKeyText.Normalize(text));

    [Theory]
    [InlineData("ssh-ed25519 AAAAB root@a", "ssh-ed25519 AAAAB root@b", true)]
    [InlineData("ssh-ed25519 AAAAB", " ssh-ed25519  AAAAB ", true)]
    [InlineData("ssh-ed25519 AAAAB", "ssh-ed25519 AAAAC", false)]
    [InlineData("ssh-ed25519 AAAAB", "ssh-rsa AAAAB", false)]
    public void SameKey_ComparesTypeAndBlobOnly(string a, string b, bool same) =>
        Assert.Equal(same, SshPublicKeyText.SameKey(a, b));
}
