using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>The CLI against a real <c>serve</c>, as a new admin would use both.</summary>
public sealed class CliEndToEndTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private async Task<CliRunner.Result> Run(params string[] args) => await CliRunner.RunAsync(serve.Environment(), args);

    private async Task LoginAsync()
    {
        var env = serve.Environment();
        env["HYPERFLEET_PASSWORD"] = serve.AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Login_WithGeneratedPassword_SavesTokenReadableOnlyByOwner()
    {
        await LoginAsync();
        var file = Path.Combine(serve.ConfigDir, "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var saved = File.ReadAllText(file);
        Assert.Contains("hft_", saved);
        Assert.DoesNotContain(serve.AdminPassword, saved);
    }

    [Fact]
    public async Task Login_WithWrongPassword_FailsWithOneLine()
    {
        var env = serve.Environment();
        env["HYPERFLEET_CONFIG_DIR"] = Directory.CreateTempSubdirectory("hf-wrong-").FullName;
        env["HYPERFLEET_PASSWORD"] = "not-the-password";
        var result = await CliRunner.RunAsync(env, "login");
        Assert.Equal(4, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("invalid_credentials", result.Stderr);
        Assert.False(File.Exists(Path.Combine(env["HYPERFLEET_CONFIG_DIR"]!, "credentials.json")));
    }

    [Fact]
    public async Task Add_EachTypeAndMode_ListShowsThemDisabledAndOffline()
    {
        await LoginAsync();
        var cases = new[]
        {
            (Id: NewId("pure-hyper"), Type: "pure-hypervisor", Mode: "wireguard+geneve", Flavour: "hypervisor", Expected: "pure_hypervisor"),
            (Id: NewId("pure-disk"), Type: "pure-disk", Mode: "geneve", Flavour: "hypervisor-standalone", Expected: "pure_disk_operations"),
            (Id: NewId("mixed"), Type: "mixed", Mode: "geneve", Flavour: "hypervisor", Expected: "mixed"),
        };
        foreach (var c in cases)
        {
            var add = await Run("hypervisor", "add", c.Id, "--hostname", $"{c.Id}.example.org", "--type", c.Type, "--vpn-mode", c.Mode, "--flavour", c.Flavour);
            Assert.True(add.ExitCode == 0, add.ToString());
            Assert.Contains("disabled", add.Stdout);
        }

        var json = await Run("hypervisor", "list", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var listed = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        foreach (var c in cases)
        {
            var h = listed[c.Id];
            Assert.Equal(c.Expected, h.GetProperty("type").GetString());
            Assert.Equal(c.Mode, h.GetProperty("vpn_tunneling_mode").GetString());
            Assert.Equal(c.Flavour, h.GetProperty("flavour").GetString());
            Assert.False(h.GetProperty("enabled").GetBoolean());
            Assert.Equal("Offline", h.GetProperty("status").GetString());
        }

        var table = await Run("hypervisor", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.All(cases, c => Assert.Contains(c.Id, table.Stdout));
        Assert.Contains("pure disk operations", table.Stdout);
    }

    [Fact]
    public async Task Ports_ForWireguardStandalone_PrintsTableAndFirewalldCommands()
    {
        await LoginAsync();
        var id = NewId("ports");
        Assert.Equal(0, (await Run("hypervisor", "add", id, "--hostname", "198.51.100.7", "--flavour", "hypervisor-standalone")).ExitCode);
        var result = await Run("hypervisor", "ports", id, "--firewall", "firewalld");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4443/udp", result.Stdout);
        Assert.Contains("5900-7899/tcp", result.Stdout);
        Assert.Contains("firewall-cmd", result.Stdout);
        Assert.DoesNotContain("iptables -A", result.Stdout);
    }

    [Fact]
    public async Task Diagnose_AdminAddedHost_SaysDisconnectedAndWhyBothEndsAreMissing_UnknownIdFails()
    {
        await LoginAsync();
        var id = NewId("diag");
        Assert.Equal(0, (await Run("hypervisor", "add", id, "--hostname", "198.51.100.8")).ExitCode);
        var result = await Run("hypervisor", "diagnose", id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tunnel disconnected", result.Stdout);
        Assert.Contains("VPN node's end", result.Stdout);
        Assert.Contains("no report", result.Stdout); // an admin-added host has no agent to report its end
        var json = JsonDocument.Parse((await Run("hypervisor", "diagnose", id, "--json")).Stdout).RootElement;
        Assert.Equal("disconnected", json.GetProperty("tunnel_status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("agent").ValueKind);

        var unknown = await Run("hypervisor", "diagnose", NewId("nobody"));
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("not_found", unknown.Stderr);
    }

    [Fact]
    public async Task EnableDisableEditEventsDelete_WorkInSequence()
    {
        await LoginAsync();
        var id = NewId("seq");
        Assert.Equal(0, (await Run("hypervisor", "add", id, "--hostname", "seq.example.org")).ExitCode);
        Assert.Equal(0, (await Run("hypervisor", "enable", id)).ExitCode);
        var deleteEnabled = await Run("hypervisor", "delete", id);
        Assert.Equal(6, deleteEnabled.ExitCode);
        Assert.Contains("hypervisor_enabled", deleteEnabled.Stderr);
        Assert.Equal(0, (await Run("hypervisor", "disable", id)).ExitCode);
        var edit = await Run("hypervisor", "edit", id, "--description", "rack 7", "--min-free-mem", "2048");
        Assert.True(edit.ExitCode == 0, edit.ToString());
        var show = await Run("hypervisor", "show", id, "--json");
        var shown = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.Equal("rack 7", shown.GetProperty("description").GetString());
        Assert.Equal(2048, shown.GetProperty("min_free_mem_mib").GetInt32());

        var events = await Run("hypervisor", "events", id, "--json");
        var kinds = JsonDocument.Parse(events.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["edited", "disabled", "enabled", "added"], kinds);

        var delete = await Run("hypervisor", "delete", id, "--force");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        var gone = await Run("hypervisor", "show", id);
        Assert.Equal(5, gone.ExitCode);
    }

    [Fact]
    public async Task Add_WithLoopbackHostname_FailsWithOneLineAndAddsNothing()
    {
        await LoginAsync();
        var id = NewId("loop");
        var result = await Run("hypervisor", "add", id, "--hostname", "127.0.0.1");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("hostname", result.Stderr);
        Assert.Equal(5, (await Run("hypervisor", "show", id)).ExitCode);
    }

    [Fact]
    public async Task AnyCommand_WithoutLogin_SaysToLogIn()
    {
        var env = serve.Environment();
        env["HYPERFLEET_CONFIG_DIR"] = Directory.CreateTempSubdirectory("hf-nologin-").FullName;
        var result = await CliRunner.RunAsync(env, "hypervisor", "list");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("hyperfleet login", result.Stderr);
    }

    [Fact]
    public async Task AnyCommand_WithUnreachableServer_ExitsWith3()
    {
        var result = await Run("hypervisor", "list", "--server", $"http://127.0.0.1:{CliRunner.FreePort()}");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach Hyperfleet", result.Stderr);
    }

    [Fact]
    public async Task Add_WithUnknownFlavour_IsAUsageError()
    {
        var result = await Run("hypervisor", "add", "x1", "--hostname", "x.example.org", "--flavour", "all-in-one");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("all-in-one", result.Stderr);
        Assert.DoesNotContain("Usage:", result.Stdout);
    }

    [Fact]
    public async Task SshKey_PrintsTheSameGeneratedPublicKeyEveryTime()
    {
        await LoginAsync();
        var first = await Run("ssh-key");
        var second = await Run("ssh-key");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("ssh-ed25519 ", first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("SHA256:", first.Stderr);
        var privateKey = Path.Combine(serve.DataDir, "ssh", "id_ed25519");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        Assert.DoesNotContain("PRIVATE KEY", first.Stdout);
    }

    [Fact]
    public async Task AddSshKey_ToALoopbackHost_IsRefusedWithOneLine()
    {
        await LoginAsync();
        var env = serve.Environment();
        env["PASSWORD"] = "whatever-password";
        var result = await CliRunner.RunAsync(env, "hypervisor", "add-ssh-key", "--host", "localhost", "--port", "2022");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("validation_failed", result.Stderr);
    }
}
