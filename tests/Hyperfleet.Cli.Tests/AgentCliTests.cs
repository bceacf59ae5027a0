using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>
/// 'token create/list/revoke' as an admin types them, and 'agent' as a host's admin pastes the join command: bad config is
/// named key by key, the join flags land in a config file only root reads, and a refusal ends the agent with its reason.
/// </summary>
public sealed class AgentCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task Token_CreateListRevoke_PrintsTheJoinCommandOnce()
    {
        var env = await serve.LoggedInAsync("hf-agent-");
        var created = await CliRunner.RunAsync(env, "token", "create", "--ttl", "10m", "--uses", "2", "--description", "lab 3");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"Token\s+[a-z0-9]{6}\.[a-z0-9]{16}", created.Stdout);
        Assert.Contains("hyperfleet agent --server ", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("--ca-pin sha256:", created.Stdout, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(created.Stdout, @"token ([a-z0-9]{6}):").Groups[1].Value;

        var list = await CliRunner.RunAsync(env, "token", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var row = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("active", row.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("token").ValueKind);

        var revoked = await CliRunner.RunAsync(env, "token", "revoke", id);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        var after = await CliRunner.RunAsync(env, "token", "list");
        Assert.Contains("revoked", after.Stdout, StringComparison.Ordinal);

        var bad = await CliRunner.RunAsync(env, "token", "create", "--ttl", "10x");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--ttl '10x'", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_BadConfig_NamesEveryProblemAndExits2()
    {
        var dir = Directory.CreateTempSubdirectory("hf-agent-cfg-").FullName;
        var config = Path.Combine(dir, "agent.cfg");
        await File.WriteAllTextAsync(config, "HYPERFLEET_URL=ftp://x\nHYPER_ID=Not Valid\nCAPABILITIES_HYPER=maybe\nFLAVOUR=storage\n");
        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), "agent", "--config", config);
        Assert.Equal(2, result.ExitCode);
        foreach (var key in new[] { "HYPERFLEET_URL", "HYPERFLEET_CA_PIN", "HYPER_ID", "CAPABILITIES_HYPER", "FLAVOUR" })
        {
            Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        }

        var missing = await CliRunner.RunAsync(new Dictionary<string, string?>(), "agent", "--config", Path.Combine(dir, "none.cfg"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no config file", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_JoinCommand_WritesAPrivateConfigFile_AndARefusalEndsItWithTheReason()
    {
        var env = await serve.LoggedInAsync("hf-agent-");
        var created = await CliRunner.RunAsync(env, "token", "create", "--json");
        using var token = JsonDocument.Parse(created.Stdout);
        var tokenText = token.RootElement.GetProperty("token").GetString()!;
        var pin = token.RootElement.GetProperty("ca_pin").GetString()!;
        var dir = Directory.CreateTempSubdirectory("hf-agent-join-").FullName;
        var keyFile = Path.Combine(dir, "host_key.pub");
        await File.WriteAllTextAsync(keyFile, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMOUFdBY6mA6jRscTMFRg5nSGrU3sP6cz6eQ6ntEu0oF root@test\n");
        var config = Path.Combine(dir, "etc", "agent.cfg");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, $"HYPER_SSH_HOST_KEY={keyFile}\nHYPERFLEET_AGENT_DATA={Path.Combine(dir, "data")}\n");

        // This control plane listens on loopback only: the host would register as 127.0.0.1, which the engine could
        // never reach, so the control plane refuses it and the agent stops with the reason instead of retrying.
        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), "agent", "--config", config,
            "--server", serve.HttpsUrl, "--token", tokenText, "--ca-pin", pin, "--hyper-id", "cli-join");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("validation_failed", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 is a loopback address", result.Stdout, StringComparison.Ordinal);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        var text = await File.ReadAllTextAsync(config);
        Assert.Contains($"HYPER_SSH_HOST_KEY={keyFile}", text, StringComparison.Ordinal);
        Assert.Contains($"HYPERFLEET_URL={serve.HttpsUrl}", text, StringComparison.Ordinal);
        Assert.Contains($"HYPERFLEET_ENROLLMENT_TOKEN={tokenText}", text, StringComparison.Ordinal);
        Assert.Contains($"HYPERFLEET_CA_PIN={pin}", text, StringComparison.Ordinal);
        Assert.Contains("HYPER_ID=cli-join", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "data", "credential")), "no credential for a refused host");
    }
}
