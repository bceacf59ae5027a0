using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>The user verbs against a real <c>serve</c>: the password from $PASSWORD (never argv), JSON for scripts, one-line refusals.</summary>
public sealed class UserCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static string NewName() => $"u-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<CliRunner.Result> Run(Dictionary<string, string?>? extra, params string[] args)
    {
        var env = serve.Environment();
        env["HYPERFLEET_PASSWORD"] = serve.AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());
        var run = serve.Environment();
        foreach (var (key, value) in extra ?? [])
        {
            run[key] = value;
        }
        return await CliRunner.RunAsync(run, args);
    }

    private static void Refused(CliRunner.Result result, int exit, string code)
    {
        Assert.True(exit == result.ExitCode, result.ToString());
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains($"[{code}]", result.Stderr);
    }

    [Fact]
    public async Task AddListDelete_RoundTrip()
    {
        var name = NewName();
        var add = await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", name, "--role", "admin");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains($"{name}: added as admin", add.Stdout);

        var list = await Run(null, "user", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var row = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(u => u.GetProperty("username").GetString() == name);
        Assert.Equal(("admin", 0), (row.GetProperty("role").GetString(), row.GetProperty("desktops").GetInt32()));
        var table = await Run(null, "user", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(name, table.Stdout);

        var delete = await Run(null, "user", "delete", name);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Refused(await Run(null, "user", "delete", name), 5, "not_found");
        Assert.DoesNotContain(name, (await Run(null, "user", "list", "--json")).Stdout);
    }

    [Fact]
    public async Task Add_RoleDefaultsToUser_AndTheUserLogsInToSeeOnlyTheirDesktops()
    {
        var name = NewName();
        var add = await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", name, "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("user", JsonDocument.Parse(add.Stdout).RootElement.GetProperty("role").GetString());

        // Their own config dir, so the admin's saved login stays as it is.
        var own = new Dictionary<string, string?>
        {
            ["HYPERFLEET_CONFIG_DIR"] = Directory.CreateTempSubdirectory("hyperfleet-cli-user-").FullName,
            ["HYPERFLEET_URL"] = serve.Url,
            ["HYPERFLEET_PASSWORD"] = "secret-pass-1",
        };
        var login = await CliRunner.RunAsync(own, "login", "--username", name);
        Assert.True(login.ExitCode == 0, login.ToString());
        var desktops = await CliRunner.RunAsync(own, "desktop", "list", "--json");
        Assert.True(desktops.ExitCode == 0, desktops.ToString());
        Assert.Empty(JsonDocument.Parse(desktops.Stdout).RootElement.EnumerateArray());
        var users = await CliRunner.RunAsync(own, "user", "list");
        Assert.NotEqual(0, users.ExitCode);
        Assert.Contains("[forbidden]", users.Stderr);
    }

    [Fact]
    public async Task Add_Refusals_OneLineWithCodeAndExitCode()
    {
        var name = NewName();
        Assert.Equal(0, (await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", name)).ExitCode);
        Refused(await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", name), 6, "already_exists");
        Refused(await Run(new() { ["PASSWORD"] = "short" }, "user", "add", NewName()), 1, "validation_failed");
        Refused(await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", "Bad Name"), 1, "validation_failed");
        var noPassword = await Run(null, "user", "add", NewName());
        Assert.True(noPassword.ExitCode == 2, noPassword.ToString());
        Assert.Contains("PASSWORD", noPassword.Stderr);
        Assert.Equal(2, (await Run(new() { ["PASSWORD"] = "secret-pass-1" }, "user", "add", NewName(), "--role", "root")).ExitCode);
    }

    [Fact]
    public async Task Delete_Yourself_Conflict()
    {
        Refused(await Run(null, "user", "delete", "admin"), 6, "user_is_self");
    }
}
