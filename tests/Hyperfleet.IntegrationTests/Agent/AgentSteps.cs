using System.Net;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.IntegrationTests.Agent;

/// <summary>Runs <c>hyperfleet agent</c> inside a testbed host, as its systemd unit would, with a config file of its own.</summary>
internal static class AgentSteps
{
    public static async Task<EnrollmentTokenResponse> TokenAsync(HttpClient admin, string body) =>
        await (await admin.PostRawAsync("/api/v1/enrollment-tokens", body)).OkAsync<EnrollmentTokenResponse>(HttpStatusCode.Created);

    /// <summary>Writes the host's config (its host key file, its data dir, <paramref name="extra"/> lines) and returns its path.</summary>
    public static string Config(TestbedFixture testbed, string work, string host, params string[] extra)
    {
        var dir = Path.Combine(work, host);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "agent.cfg");
        File.WriteAllLines(path, [
            $"HYPER_SSH_HOST_KEY={HostKeyFile(testbed, host)}",
            $"HYPERFLEET_AGENT_DATA={Path.Combine(dir, "data")}",
            .. extra,
        ]);
        return path;
    }

    public static string HostKeyFile(TestbedFixture testbed, string host) =>
        Path.Combine(testbed.StateDirectory, "hostkeys", host, "ssh_host_ed25519_key.pub");

    /// <summary>The join command of the token dialog, with <c>--config</c> (each testbed host needs a file of its own).</summary>
    public static HostProcess Start(TestbedFixture testbed, string host, string config, params string[] join) =>
        HostProcess.Start(testbed, host, null, ["dotnet", Path.Combine(AppContext.BaseDirectory, "hyperfleet.dll"), "agent", "--config", config, .. join]);
}
