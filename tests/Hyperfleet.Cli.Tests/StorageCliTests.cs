using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>The pool, template and task verbs against a real <c>serve</c> (API role only: tasks stay queued).</summary>
public sealed class StorageCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private async Task<CliRunner.Result> Run(params string[] args)
    {
        var env = serve.Environment();
        env["HYPERFLEET_PASSWORD"] = serve.AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());
        return await CliRunner.RunAsync(serve.Environment(), args);
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Pool_DefaultIsListed_AddShowEditDelete()
    {
        var list = await Run("pool", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("/opt/isard", list.Stdout);

        var id = NewId("nfs");
        var add = await Run("pool", "add", id, "--mountpoint", "/mnt/" + id, "--media", $"/mnt/{id}/iso");
        Assert.True(add.ExitCode == 0, add.ToString());
        var show = await Run("pool", "show", id, "--json");
        var pool = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.Equal($"/mnt/{id}/iso", pool.GetProperty("paths").GetProperty("media").GetString());
        Assert.Equal($"/mnt/{id}/bases", pool.GetProperty("paths").GetProperty("bases").GetString());

        var edit = await Run("pool", "edit", id, "--name", "NFS");
        Assert.True(edit.ExitCode == 0, edit.ToString());
        var delete = await Run("pool", "delete", id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(5, (await Run("pool", "show", id)).ExitCode);
    }

    [Theory]
    [InlineData(1, "validation_failed", "pool", "add", "p1", "--mountpoint", "relative/path")]
    [InlineData(1, "validation_failed", "pool", "add", "p1", "--hypervisor", "ghost")]
    [InlineData(6, "pool_in_use", "pool", "delete", "default")]
    [InlineData(6, "already_exists", "pool", "add", "default")]
    [InlineData(5, "not_found", "pool", "check", "nope")]
    [InlineData(5, "not_found", "template", "show", "nope")]
    [InlineData(5, "not_found", "template", "delete", "nope")]
    [InlineData(1, "validation_failed", "template", "create", "t1")]
    [InlineData(5, "not_found", "task", "show", "999999")]
    [InlineData(5, "not_found", "desktop", "make-template", "nope", "--template-id", "t1")]
    public async Task Errors_OneLineWithTheCodeAndTheExitCode(int exit, string code, params string[] args)
    {
        var result = await Run(args);
        Assert.True(exit == result.ExitCode, result.ToString());
        Assert.Contains($"[{code}]", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Template_CreateBase_QueuesATaskTheTaskVerbsShow()
    {
        var id = NewId("base");
        var create = await Run("template", "create", id, "--size-gib", "2", "--json");
        Assert.True(create.ExitCode == 0, create.ToString());
        var template = JsonDocument.Parse(create.Stdout).RootElement;
        Assert.Equal("Creating", template.GetProperty("status").GetString());
        var taskId = template.GetProperty("task_id").GetInt64();

        var tasks = await Run("task", "list", "--status", "queued", "--json");
        Assert.Contains(JsonDocument.Parse(tasks.Stdout).RootElement.EnumerateArray(), t => t.GetProperty("id").GetInt64() == taskId);
        var show = await Run("task", "show", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("create_empty", show.Stdout);
        var templates = await Run("template", "list");
        Assert.Contains(id, templates.Stdout);
        Assert.Equal(2, (await Run("task", "list", "--status", "lost")).ExitCode);
    }
}
