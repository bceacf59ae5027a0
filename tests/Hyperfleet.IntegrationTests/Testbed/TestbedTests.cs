using System.Runtime.Versioning;

namespace Hyperfleet.IntegrationTests.Testbed;

[Collection(TestbedCollection.Name)]
public class TestbedTests(TestbedFixture testbed)
{
    [Theory]
    [InlineData("hv1")]
    [InlineData("hv2")]
    [InlineData("hv3")]
    public async Task Virsh_OverQemuSsh_AnswersFromThatHost(string host)
    {
        var result = (await testbed.VirshAsync(host, "hostname")).EnsureSuccess();

        Assert.Equal(host, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task StartDomain_OnHv2_ListedOnlyThereAndVncAnswersOnHv2Address()
    {
        await using var domain = await TestDomain.StartAsync(testbed, "hv2");

        var onHv2 = (await testbed.VirshAsync("hv2", "list", "--name")).EnsureSuccess().StandardOutput;
        var onHv1 = (await testbed.VirshAsync("hv1", "list", "--all", "--name")).EnsureSuccess().StandardOutput;
        var greeting = await TcpProbe.ReadGreetingAsync(testbed.Ip("hv2"), await domain.VncPortAsync(), 12, TimeSpan.FromSeconds(5));

        Assert.Contains(domain.Name, onHv2, StringComparison.Ordinal);
        Assert.DoesNotContain(domain.Name, onHv1, StringComparison.Ordinal);
        Assert.StartsWith("RFB ", greeting, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Ssh_WithPassword_LogsInAsRootOnThatHost()
    {
        var askPass = Path.Combine(Path.GetTempPath(), $"hftb-askpass-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(askPass, $"#!/bin/sh\necho '{testbed.Password}'\n");
        File.SetUnixFileMode(askPass, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var result = await CommandRunner.RunAsync(
                "ssh",
                [
                    "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                    "-o", "NumberOfPasswordPrompts=1", "-o", $"UserKnownHostsFile={testbed.KnownHostsPath}",
                    "-o", "StrictHostKeyChecking=yes", "-p", $"{TestbedFixture.SshPort}",
                    $"root@{testbed.Ip("hv1")}", "id -un; hostname",
                ],
                environment: new Dictionary<string, string>
                {
                    ["SSH_ASKPASS"] = askPass, ["SSH_ASKPASS_REQUIRE"] = "force", ["DISPLAY"] = "none",
                });

            Assert.Equal("root\nhv1", result.EnsureSuccess().StandardOutput.Trim());
        }
        finally
        {
            File.Delete(askPass);
        }
    }
}
