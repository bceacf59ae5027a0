using System.Diagnostics;
using Hyperfleet.Core.Ssh;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.IntegrationTests.Ssh;

/// <summary>add-ssh-key (the seed's add-hypervisor.sh, done properly) against real sshd and libvirtd.</summary>
[Collection(TestbedCollection.Name)]
public sealed class SshProvisioningOnTestbedTests(TestbedFixture testbed, SqliteApiFixture server) : IClassFixture<SqliteApiFixture>
{
    private const string Host = "hv2";

    [Fact]
    public async Task Install_WithThePassword_InstallsOnceProvesKeyLoginAndLibvirt()
    {
        using var admin = server.Admin();
        var ip = testbed.Ip(Host);
        var publicKey = TestbedSsh.Keys(server).PublicKey;
        await TestbedSsh.RemoveKeyFromHostAsync(testbed, Host, publicKey);
        var before = await TestbedSsh.Connector(server).ProbeAsync(new SshTarget(ip, TestbedFixture.SshPort, "root", null), CancellationToken.None);
        Assert.Equal("ssh_auth_failed", before.Reason);

        var result = await TestbedSsh.InstallAsync(admin, ip, testbed.Password);

        Assert.True(result.KeyInstalled && result.KeyLoginOk && result.LibvirtOk);
        Assert.Equal(4, result.Steps.Count);
        Assert.Contains("added", result.Steps[1], StringComparison.Ordinal);
        Assert.StartsWith("libvirtd answers", result.Steps[3], StringComparison.Ordinal);
        // The key the password login saw is the host's own, as the testbed recorded it, and what any client sees.
        Assert.Contains(TestbedSsh.KeyOnly(result.HostKey), await File.ReadAllTextAsync(testbed.KnownHostsPath), StringComparison.Ordinal);
        Assert.Equal(before.HostKey, result.HostKey);
        Assert.Equal(HostKeyFingerprint.Sha256(result.HostKey), result.Fingerprint);
        Assert.Equal(1, await TestbedSsh.CountKeyOnHostAsync(testbed, Host, publicKey));
        var after = await TestbedSsh.Connector(server).ProbeAsync(new SshTarget(ip, TestbedFixture.SshPort, "root", result.HostKey), CancellationToken.None);
        Assert.True(after.Ok, after.Detail);

        var again = await TestbedSsh.InstallAsync(admin, ip, testbed.Password);

        Assert.Contains("already", again.Steps[1], StringComparison.Ordinal);
        Assert.Equal(result.HostKey, again.HostKey);
        Assert.Equal(1, await TestbedSsh.CountKeyOnHostAsync(testbed, Host, publicKey));
    }

    [Fact]
    public async Task Install_WrongPassword_Is422SshAuthFailedAndInstallsNothing()
    {
        using var admin = server.Admin();
        var publicKey = TestbedSsh.Keys(server).PublicKey;
        await TestbedSsh.RemoveKeyFromHostAsync(testbed, Host, publicKey);

        var problem = await TestbedSsh.FailedInstallAsync(admin, testbed.Ip(Host), "not-" + testbed.Password, "ssh_auth_failed");

        Assert.StartsWith($"wrong password for root@{testbed.Ip(Host)}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(problem.GetProperty("steps").EnumerateArray());
        Assert.StartsWith("SHA256:", problem.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await TestbedSsh.CountKeyOnHostAsync(testbed, Host, publicKey));
    }

    [Fact]
    public async Task Install_HostCut_Is422SshUnreachableWithinSeconds()
    {
        using var admin = server.Admin();
        var ip = testbed.Ip(Host);
        var clock = new Stopwatch();
        try
        {
            await testbed.CutAsync(Host);
            clock.Start();

            var problem = await TestbedSsh.FailedInstallAsync(admin, ip, testbed.Password, "ssh_unreachable");

            clock.Stop();
            Assert.StartsWith($"cannot reach {ip}:{TestbedFixture.SshPort}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await testbed.RestoreAsync(Host);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Install_LibvirtdDown_Is422LibvirtDownAfterTheKeyWasInstalled()
    {
        using var admin = server.Admin();
        try
        {
            await testbed.KillLibvirtdAsync(Host);

            var problem = await TestbedSsh.FailedInstallAsync(admin, testbed.Ip(Host), testbed.Password, "libvirt_down");

            Assert.StartsWith("key installed, but libvirtd does not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, problem.GetProperty("steps").GetArrayLength());
        }
        finally
        {
            await testbed.StartLibvirtdAsync(Host);
        }
    }
}
