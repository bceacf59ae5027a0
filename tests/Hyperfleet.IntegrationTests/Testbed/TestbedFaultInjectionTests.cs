namespace Hyperfleet.IntegrationTests.Testbed;

[Collection(TestbedCollection.Name)]
public class TestbedFaultInjectionTests(TestbedFixture testbed)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Cut_Hv2_SshPortUnreachableWithinOneSecondUntilRestore()
    {
        var ip = testbed.Ip("hv2");
        Assert.True(await TcpProbe.CanConnectAsync(ip, TestbedFixture.SshPort, TimeSpan.FromSeconds(2)), "hv2 reachable before the cut");
        try
        {
            await testbed.CutAsync("hv2");
            var toUnreachable = await Poll.UntilAsync(
                async () => !await TcpProbe.CanConnectAsync(ip, TestbedFixture.SshPort, ProbeTimeout),
                TimeSpan.FromSeconds(1), "hv2 unreachable after cut");
            Assert.True(toUnreachable < TimeSpan.FromSeconds(1.1), $"took {toUnreachable}");
        }
        finally
        {
            await testbed.RestoreAsync("hv2");
        }

        await Poll.UntilAsync(
            () => TcpProbe.CanConnectAsync(ip, TestbedFixture.SshPort, ProbeTimeout),
            TimeSpan.FromSeconds(5), "hv2 reachable after restore");
        (await testbed.VirshAsync("hv2", "hostname")).EnsureSuccess();
    }

    [Fact]
    public async Task KillLibvirtd_Hv3_VirshFailsUntilStartLibvirtd()
    {
        try
        {
            await testbed.KillLibvirtdAsync("hv3");

            var whileDead = await testbed.VirshAsync("hv3", "list");
            Assert.False(whileDead.Succeeded, "virsh answered although libvirtd was killed");
        }
        finally
        {
            await testbed.StartLibvirtdAsync("hv3");
        }

        (await testbed.VirshAsync("hv3", "list")).EnsureSuccess();
    }

    [Fact]
    public async Task KillSshd_Hv1_PortRefusedUntilStartSshd()
    {
        var ip = testbed.Ip("hv1");
        try
        {
            await testbed.KillSshdAsync("hv1");

            Assert.False(await TcpProbe.CanConnectAsync(ip, TestbedFixture.SshPort, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await testbed.StartSshdAsync("hv1");
        }

        Assert.True(await TcpProbe.CanConnectAsync(ip, TestbedFixture.SshPort, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task RegenHostKey_Hv3_OldKnownHostsRejectedNewAccepted()
    {
        var oldKnownHosts = Path.Combine(Path.GetTempPath(), $"hftb-known-hosts-{Guid.NewGuid():N}");
        File.Copy(testbed.KnownHostsPath, oldKnownHosts);
        try
        {
            await testbed.RegenHostKeyAsync("hv3");

            var withOld = await SshAsync("hv3", oldKnownHosts);
            var withNew = await SshAsync("hv3", testbed.KnownHostsPath);

            Assert.False(withOld.Succeeded, "ssh accepted the replaced host key");
            Assert.Contains("Host key verification failed", withOld.StandardError, StringComparison.Ordinal);
            Assert.Equal("hv3", withNew.EnsureSuccess().StandardOutput.Trim());
        }
        finally
        {
            File.Delete(oldKnownHosts);
        }
    }

    private Task<CommandResult> SshAsync(string host, string knownHosts) =>
        CommandRunner.RunAsync("ssh",
        [
            "-i", testbed.KeyPath, "-o", "BatchMode=yes", "-o", $"UserKnownHostsFile={knownHosts}",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
            "-p", $"{TestbedFixture.SshPort}", $"root@{testbed.Ip(host)}", "hostname",
        ]);
}
