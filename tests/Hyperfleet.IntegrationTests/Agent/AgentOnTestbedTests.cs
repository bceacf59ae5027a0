using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Ssh;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.IntegrationTests.Video;
using Hyperfleet.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Agent;

/// <summary>
/// Seed 002's self-registration on real hosts: the agent runs inside each testbed host's namespaces, as under systemd,
/// with the one command the token dialog shows. Nobody adds a host, types a password or copies a key.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class AgentOnTestbedTests(TestbedFixture testbed, OwnProxyServerFixture server, ITestOutputHelper output)
    : IClassFixture<OwnProxyServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);
    private readonly List<HostProcess> agents = [];
    private readonly string work = Directory.CreateTempSubdirectory("hyperfleet-agent-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var agent in agents)
        {
            if (!agent.HasExited)
            {
                await agent.TerminateAsync(TimeSpan.FromSeconds(30));
            }
            output.WriteLine(agent.Output);
            await agent.DisposeAsync();
        }
    }

    private HostProcess Start(string host, string config, params string[] join)
    {
        var agent = AgentSteps.Start(testbed, host, config, join);
        agents.Add(agent);
        return agent;
    }

    private string[] Join(EnrollmentTokenResponse token) =>
        ["--server", server.HttpsAddress.ToString(), "--token", token.Token!, "--ca-pin", token.CaPin];

    private Task<HypervisorResponse> WaitAsync(HttpClient admin, string id, Func<HypervisorResponse, bool> condition, string because) =>
        admin.WaitForAsync(output, $"/api/v1/hypervisors/{id}", condition, JoinTimeout, because);

    [Fact]
    public async Task ThreeHosts_JoinWithOneToken_AreOnlinePinnedToTheirOwnKeys_AndAStopIsOfflineNotError()
    {
        using var admin = server.Admin();
        var token = await AgentSteps.TokenAsync(admin, """{"uses":3,"description":"three hosts"}""");
        var plan = new (string Host, string[] Settings)[]
        {
            ("hv1", ["CAPABILITIES_HYPER=false", "CAPABILITIES_DISK=true", "FLAVOUR=hypervisor-standalone"]),
            ("hv2", ["FLAVOUR=hypervisor-standalone", "VPN_TUNNELING_MODE=geneve"]),
            ("hv3", ["FLAVOUR=hypervisor"]),
        };
        var configs = new Dictionary<string, string>();
        foreach (var (host, settings) in plan)
        {
            configs[host] = AgentSteps.Config(testbed, work, host, settings);
            Start(host, configs[host], Join(token));
        }
        foreach (var (host, _) in plan)
        {
            var h = await WaitAsync(admin, host, x => x.Status == HypervisorStatus.Online, $"{host} Online by itself");
            Assert.True(h.Enabled);
            Assert.Equal("agent", h.RegisteredBy);
            Assert.Equal(testbed.Ip(host), h.Hostname);
            // The engine's pin is the key the agent read from the host's own file, not one scanned from the network.
            Assert.Equal(HostKeyFingerprint.Sha256(await File.ReadAllTextAsync(AgentSteps.HostKeyFile(testbed, host))), h.SshHostKeyFingerprint);
            Assert.All(h.Agent!.Checks, c => Assert.True(c.Ok, $"{host} {c.Name}: {c.Detail}"));
        }
        var hv1 = await (await admin.GetAsync("/api/v1/hypervisors/hv1")).OkAsync<HypervisorResponse>();
        Assert.Equal("pure_disk_operations", hv1.Type);
        Assert.DoesNotContain(hv1.Agent!.Checks, c => c.Name == AgentCheckNames.Libvirt);
        var hv3 = await (await admin.GetAsync("/api/v1/hypervisors/hv3")).OkAsync<HypervisorResponse>();
        Assert.Contains(hv3.Agent!.Checks, c => c.Name == AgentCheckNames.VideoProxy && c.Ok);
        var tokens = await (await admin.GetAsync("/api/v1/enrollment-tokens")).OkAsync<List<EnrollmentTokenResponse>>();
        Assert.Equal(EnrollmentTokenStates.UsedUp, tokens.Single(t => t.Id == token.Id).State);

        // SIGTERM (systemd, a reboot): disabled, Offline, agent_stopped; never an Error.
        var hv2Agent = agents[1];
        Assert.Equal(0, await hv2Agent.TerminateAsync(TimeSpan.FromSeconds(30)));
        var stopped = await (await admin.GetAsync("/api/v1/hypervisors/hv2")).OkAsync<HypervisorResponse>();
        Assert.Equal((false, HypervisorStatus.Offline, "agent_stopped"), (stopped.Enabled, stopped.Status, stopped.StatusReason));
        var history = await (await admin.GetAsync("/api/v1/hypervisors/hv2/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.DoesNotContain(history, e => e.ToStatus == "Error");

        // The token did its work: it is blanked in the host's config file, the credential replaces it.
        Assert.Contains("HYPERFLEET_ENROLLMENT_TOKEN=\n", await File.ReadAllTextAsync(configs["hv2"]), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token!, await File.ReadAllTextAsync(configs["hv2"]), StringComparison.Ordinal);

        // Started again with the same file: it registers with the credential it kept, and is back.
        var restarted = Start("hv2", configs["hv2"]);
        var back = await WaitAsync(admin, "hv2", x => x.Status == HypervisorStatus.Online, "hv2 Online again after a restart");
        Assert.Equal(stopped.CreatedAt, back.CreatedAt);
        Assert.Equal(stopped.SshHostKeyFingerprint, back.SshHostKeyFingerprint);
        var after = await (await admin.GetAsync("/api/v1/hypervisors/hv2/events?limit=1000")).OkAsync<List<HypervisorEventResponse>>();
        Assert.All(history, e => Assert.Contains(after, a => a.Id == e.Id));
        Assert.Contains("registered again with its credential", after.First(e => e.Kind == "registered").Detail, StringComparison.Ordinal);
        Assert.False(restarted.HasExited);

        // A crash or power loss (SIGKILL: no deregistration): the host is enabled still, and its agent falls silent; the
        // next start registers again and brings it back Online, with no Error on the way.
        var hv3Agent = agents[2];
        await hv3Agent.DisposeAsync();
        var silent = await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv3", x => x.Agent?.State == AgentStates.Silent,
            JoinTimeout, "hv3's agent silent after a kill");
        Assert.Equal(HypervisorStatus.Online, silent.Status);
        agents.Remove(hv3Agent);
        Start("hv3", configs["hv3"]);
        var hv3Back = await WaitAsync(admin, "hv3", x => x.Status == HypervisorStatus.Online && x.Agent?.State == AgentStates.Running, "hv3 back after its agent restarted");
        Assert.Equal(hv3.CreatedAt, hv3Back.CreatedAt);
        var hv3History = await (await admin.GetAsync("/api/v1/hypervisors/hv3/events?limit=1000")).OkAsync<List<HypervisorEventResponse>>();
        Assert.DoesNotContain(hv3History, e => e.ToStatus == "Error");
        Assert.Contains(hv3History, e => e.Kind == "agent_silent");
    }

    [Fact]
    public async Task WrongCaPin_TheAgentRefusesTheServer_AndSendsNothing()
    {
        using var admin = server.Admin();
        var token = await AgentSteps.TokenAsync(admin, """{"uses":1}""");
        var config = AgentSteps.Config(testbed, work, "hv1", "HYPER_ID=pin-check");
        var wrongPin = "sha256:" + new string('0', 64);
        var agent = Start("hv1", config, "--server", server.HttpsAddress.ToString(), "--token", token.Token!, "--ca-pin", wrongPin);
        await Poll.UntilAsync(() => Task.FromResult(agent.HasExited), TimeSpan.FromSeconds(60), "the agent exits");
        Assert.Contains("pin", agent.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/hypervisors/pin-check")).StatusCode);
        var tokens = await (await admin.GetAsync("/api/v1/enrollment-tokens")).OkAsync<List<EnrollmentTokenResponse>>();
        Assert.Equal(0, tokens.Single(t => t.Id == token.Id).Uses);
    }

    [Fact]
    public async Task LibvirtDownAtStart_StaysDisabledWithTheFailedCheck_ThenEnablesItselfOnceItIsUp()
    {
        const string Host = "hv1";
        using var admin = server.Admin();
        // A fresh data dir has no credential: if hv1 joined before in this class, only a token bound to it may take it.
        var token = await AgentSteps.TokenAsync(admin, """{"uses":1,"hypervisor":"hv1"}""");
        await testbed.KillLibvirtdAsync(Host);
        try
        {
            Start(Host, AgentSteps.Config(testbed, work, Host, "FLAVOUR=hypervisor-standalone"), Join(token));
            var held = await WaitAsync(admin, Host, x => x.StatusReason == "agent_check_failed", "the failed libvirt check as the host's detail");
            Assert.False(held.Enabled);
            Assert.Equal(HypervisorStatus.Offline, held.Status);
            Assert.Contains("libvirt", held.StatusDetail, StringComparison.Ordinal);
            Assert.Contains(held.Agent!.Checks, c => c is { Name: AgentCheckNames.Libvirt, Ok: false });
        }
        finally
        {
            await testbed.StartLibvirtdAsync(Host);
        }
        var online = await WaitAsync(admin, Host, x => x.Status == HypervisorStatus.Online, "Online once libvirtd is back");
        Assert.True(online.Enabled);
        Assert.Null(online.StatusReason);
    }
}
