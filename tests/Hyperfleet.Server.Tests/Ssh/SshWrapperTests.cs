using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>
/// The ssh wrapper libvirt runs for <c>qemu+ssh</c>, checked through <c>ssh -G</c> (ssh's effective configuration,
/// printed without connecting): strict checking against Hyperfleet's own known_hosts with Hyperfleet's key only.
/// </summary>
public sealed class SshWrapperTests : IDisposable
{
    // A space and a quote: paths reach ssh through sh and through ssh's own option parsing.
    private readonly string dataDir = Path.Combine(SshTestKeys.NewDataDir(), "data dir 'x'");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(dataDir)!, recursive: true);

    private static async Task<Dictionary<string, string>> EffectiveConfigAsync(string wrapper, params string[] arguments)
    {
        var (exit, output) = await SshTestKeys.RunAsync(wrapper, [.. arguments, "-G", "-p", "2022", "10.0.0.11"]);
        Assert.True(exit == 0, output);
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                config.TryAdd(line[..space], line[(space + 1)..]);
            }
        }
        return config;
    }

    [Fact]
    public async Task Wrapper_EffectiveConfig_IsStrictWithOnlyHyperfleetsKeyAndKnownHosts()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        _ = keys.PublicKey;

        var config = await EffectiveConfigAsync(keys.SshCommandPath);

        Assert.Equal(keys.KnownHostsPath, config["userknownhostsfile"]);
        Assert.Equal("/dev/null", config["globalknownhostsfile"]);
        Assert.Equal("true", config["stricthostkeychecking"]);
        Assert.Equal("yes", config["identitiesonly"]);
        Assert.Equal(keys.PrivateKeyPath, config["identityfile"]);
        Assert.Equal("yes", config["batchmode"]);
        Assert.Equal("3", config["connecttimeout"]);
        Assert.Equal("1", config["serveraliveinterval"]);
        Assert.Equal("3", config["serveralivecountmax"]);
    }

    [Fact]
    public async Task Wrapper_OptionsLibvirtAppends_CannotWeakenHostKeyChecking()
    {
        using var keys = SshTestKeys.Keys(dataDir);
        _ = keys.PublicKey;

        // What qemu+ssh://…?no_verify=1 would add after the wrapper's own options.
        var config = await EffectiveConfigAsync(keys.SshCommandPath,
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=no");

        Assert.Equal("true", config["stricthostkeychecking"]);
        Assert.Equal(keys.KnownHostsPath, config["userknownhostsfile"]);
        Assert.Equal("yes", config["batchmode"]);
    }

    [Fact]
    public void WrapperScript_IsAPosixShellScriptThatExecsSsh()
    {
        var script = ControlPlaneKeys.WrapperScript("/d/ssh/id_ed25519", "/d/ssh/known_hosts");

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("exec ssh -F /dev/null ", script, StringComparison.Ordinal);
        Assert.EndsWith("\"$@\"\n", script, StringComparison.Ordinal);
    }
}
