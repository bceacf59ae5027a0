using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Tests.Ssh;

public sealed class ControlPlaneKeysTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyExecutable = OwnerOnly | UnixFileMode.UserExecute;

    private readonly string dataDir = SshTestKeys.NewDataDir();

    public void Dispose() => Directory.Delete(dataDir, recursive: true);

    [Fact]
    public void PublicKey_FirstUse_GeneratesAnEd25519PairWithOwnerOnlyModes()
    {
        using var keys = SshTestKeys.Keys(dataDir);

        var publicKey = keys.PublicKey;

        Assert.StartsWith("ssh-ed25519 AAAA", publicKey, StringComparison.Ordinal);
        Assert.EndsWith(" hyperfleet@" + Environment.MachineName, publicKey, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dataDir, "ssh", "id_ed25519"), keys.PrivateKeyPath);
        Assert.Equal(OwnerOnlyExecutable, File.GetUnixFileMode(Path.Combine(dataDir, "ssh")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(keys.PrivateKeyPath));
        Assert.Equal(OwnerOnlyExecutable, File.GetUnixFileMode(keys.SshCommandPath));
        Assert.True(File.Exists(keys.KnownHostsPath));
        Assert.False(File.Exists(keys.PrivateKeyPath + ".new"));
    }

    [Fact]
    public async Task PublicKey_AfterRestart_IsTheSameKey()
    {
        string first;
        byte[] privateKey;
        using (var keys = SshTestKeys.Keys(dataDir))
        {
            first = keys.PublicKey;
            privateKey = await File.ReadAllBytesAsync(keys.PrivateKeyPath);
        }

        using var restarted = SshTestKeys.Keys(dataDir);

        Assert.Equal(first, restarted.PublicKey);
        Assert.Equal(privateKey, await File.ReadAllBytesAsync(restarted.PrivateKeyPath));
    }

    [Fact]
    public async Task PublicKey_MatchesThePrivateKey_AsSshKeygenDerivesIt()
    {
        using var keys = SshTestKeys.Keys(dataDir);

        var (exit, derived) = await SshTestKeys.RunAsync("ssh-keygen", "-y", "-f", keys.PrivateKeyPath);

        Assert.True(exit == 0, derived);
        Assert.True(Hyperfleet.Core.Ssh.SshPublicKeyText.SameKey(derived.Trim(), keys.PublicKey), derived);
        var (_, listed) = await SshTestKeys.RunAsync("ssh-keygen", "-l", "-f", keys.PrivateKeyPath + ".pub");
        Assert.Contains(HostKeyFingerprint.Sha256(keys.PublicKey)!, listed, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicKey_LoosenedModesAndLostPublicHalf_AreRepairedOnLoad()
    {
        string first;
        using (var keys = SshTestKeys.Keys(dataDir))
        {
            first = keys.PublicKey;
            File.SetUnixFileMode(keys.PrivateKeyPath, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.SetUnixFileMode(Path.Combine(dataDir, "ssh"), OwnerOnlyExecutable | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Delete(keys.PrivateKeyPath + ".pub");
            File.SetUnixFileMode(keys.SshCommandPath, OwnerOnly);
        }

        using var restarted = SshTestKeys.Keys(dataDir);

        Assert.True(Hyperfleet.Core.Ssh.SshPublicKeyText.SameKey(first, restarted.PublicKey));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(restarted.PrivateKeyPath));
        Assert.Equal(OwnerOnlyExecutable, File.GetUnixFileMode(Path.Combine(dataDir, "ssh")));
        Assert.Equal(OwnerOnlyExecutable, File.GetUnixFileMode(restarted.SshCommandPath));
    }

    [Fact]
    public async Task WriteKnownHostsAsync_Pins_AreBracketedHostPortLinesWithoutComments()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        var a = SshTestKeys.RandomHostKey("root@hv1");
        var b = SshTestKeys.RandomHostKey();

        await keys.WriteKnownHostsAsync(
        [
            new SshTarget("10.0.0.11", 2022, "root", a),
            new SshTarget("hv2.example.org", 22, "root", b),
            new SshTarget("unpinned.example.org", 2022, "root", null),
        ], CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(keys.KnownHostsPath);
        Assert.Equal(
            new[] { "[10.0.0.11]:2022 " + string.Join(' ', a.Split(' ').Take(2)), "hv2.example.org " + b }.Order(StringComparer.Ordinal),
            lines);
        // ssh itself must find the pin under the name it looks hosts up by.
        var (exit, found) = await SshTestKeys.RunAsync("ssh-keygen", "-F", "[10.0.0.11]:2022", "-f", keys.KnownHostsPath);
        Assert.True(exit == 0, found);
        Assert.Contains(a.Split(' ')[1], found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteKnownHostsAsync_Again_ReplacesTheWholeFile()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        await keys.WriteKnownHostsAsync([new SshTarget("10.0.0.11", 2022, "root", SshTestKeys.RandomHostKey())], CancellationToken.None);

        await keys.WriteKnownHostsAsync([], CancellationToken.None);

        Assert.Equal("", await File.ReadAllTextAsync(keys.KnownHostsPath));
    }

    [Theory]
    [InlineData("10.0.0.1", 2022, "[10.0.0.1]:2022")]
    [InlineData("hv1.example.org", 22, "hv1.example.org")]
    [InlineData("fd00::1", 2022, "[fd00::1]:2022")]
    [InlineData("[fd00::1]", 2022, "[fd00::1]:2022")]
    public void KnownHostsName_IsHowSshLooksHostsUp(string host, int port, string expected) =>
        Assert.Equal(expected, ControlPlaneKeys.KnownHostsName(host, port));
}
