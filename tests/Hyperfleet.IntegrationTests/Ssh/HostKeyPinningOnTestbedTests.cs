using System.Net.Http.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Ssh;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.IntegrationTests.Ssh;

/// <summary>A changed host key is never accepted silently: not by SSH.NET, not by the ssh that libvirt runs.</summary>
[Collection(TestbedCollection.Name)]
public sealed class HostKeyPinningOnTestbedTests(TestbedFixture testbed, SqliteApiFixture server) : IClassFixture<SqliteApiFixture>
{
    private const string Host = "hv3";

    private SshTarget Target(string? pin) => new(testbed.Ip(Host), TestbedFixture.SshPort, "root", pin);

    private Task<SshProbeResult> ProbeAsync(string? pin) => TestbedSsh.Connector(server).ProbeAsync(Target(pin), CancellationToken.None);

    private Task<CommandResult> VirshAsync(string query, params string[] arguments) =>
        CommandRunner.RunAsync("virsh", ["-c", $"qemu+ssh://root@{testbed.Ip(Host)}:{TestbedFixture.SshPort}/system?{query}", .. arguments],
            TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Probe_PinnedKeyIsNotTheHostsKey_IsHostKeyMismatchNamingBothFingerprints()
    {
        var wrongPin = "ssh-ed25519 " + Convert.ToBase64String(new byte[51]);

        var result = await ProbeAsync(wrongPin);

        Assert.False(result.Ok);
        Assert.Equal("host_key_mismatch", result.Reason);
        Assert.Contains(HostKeyFingerprint.Sha256(wrongPin)!, result.Detail, StringComparison.Ordinal);
        Assert.Contains(HostKeyFingerprint.Sha256(result.HostKey)!, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegenHostKey_OldPinIsAMismatch_UntilTheAdminRepins()
    {
        using var admin = server.Admin();
        var id = "pin-" + Guid.NewGuid().ToString("N")[..8];
        await admin.AddAsync(id, testbed.Ip(Host));
        var installed = await TestbedSsh.InstallAsync(admin, testbed.Ip(Host), testbed.Password);
        Assert.Equal([id], installed.PinnedOn);
        var old = installed.HostKey;

        await testbed.RegenHostKeyAsync(Host);

        var stale = await ProbeAsync(old);
        Assert.Equal("host_key_mismatch", stale.Reason);
        var now = stale.HostKey!;
        Assert.False(Hyperfleet.Core.Ssh.SshPublicKeyText.SameKey(old, now));

        var repinned = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/repin-host-key")).OkAsync<HypervisorResponse>();

        Assert.Equal(HostKeyFingerprint.Sha256(now), repinned.SshHostKeyFingerprint);
        var events = await admin.GetFromJsonAsync<List<HypervisorEventResponse>>($"/api/v1/hypervisors/{id}/events", ApiJson.Options);
        var latest = events!.First(e => e.Kind == HostKeyPins.EventKind);
        Assert.Equal(("admin", $"re-pinned by admin: {HostKeyFingerprint.Sha256(old)} → {HostKeyFingerprint.Sha256(now)}"), (latest.Actor, latest.Detail));
        Assert.True((await ProbeAsync(now)).Ok);
    }

    [Fact]
    public async Task Virsh_OverQemuSshWithTheWrapper_AnswersOnlyWhenTheHostKeyIsPinned()
    {
        using var admin = server.Admin();
        var keys = TestbedSsh.Keys(server);
        var installed = await TestbedSsh.InstallAsync(admin, testbed.Ip(Host), testbed.Password);
        var command = "command=" + keys.SshCommandPath;

        await keys.WriteKnownHostsAsync([], CancellationToken.None);
        var unpinned = await VirshAsync(command, "version");
        // no_verify=1 makes libvirt ask ssh not to check; the wrapper's own options come first and win.
        var unpinnedNoVerify = await VirshAsync(command + "&no_verify=1", "version");
        await keys.WriteKnownHostsAsync([Target(installed.HostKey)], CancellationToken.None);
        var pinned = await VirshAsync(command, "version");

        Assert.False(unpinned.Succeeded);
        Assert.Contains("Host key verification failed", unpinned.StandardError, StringComparison.Ordinal);
        Assert.False(unpinnedNoVerify.Succeeded);
        Assert.Contains("Host key verification failed", unpinnedNoVerify.StandardError, StringComparison.Ordinal);
        Assert.True(pinned.Succeeded, pinned.StandardError);
        Assert.Contains("Running hypervisor", pinned.StandardOutput, StringComparison.Ordinal);
    }
}
