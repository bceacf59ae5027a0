using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>The desktop verbs against a real <c>serve</c>: JSON for scripts, one-line errors with codes and exit codes.</summary>
public sealed class DesktopCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private async Task<CliRunner.Result> Run(params string[] args)
    {
        var env = serve.Environment();
        env["HYPERFLEET_PASSWORD"] = serve.AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());
        return await CliRunner.RunAsync(serve.Environment(), args);
    }

    [Fact]
    public async Task List_Json_IsAnArray()
    {
        var list = await Run("desktop", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(list.Stdout).RootElement.ValueKind);
    }

    [Theory]
    [InlineData(5, "not_found", "desktop", "show", "nope")]
    [InlineData(5, "not_found", "desktop", "start", "nope")]
    [InlineData(5, "not_found", "desktop", "stop", "nope", "--force")]
    [InlineData(5, "not_found", "desktop", "delete", "nope")]
    [InlineData(5, "not_found", "desktop", "resize", "nope", "--size-gib", "40")]
    [InlineData(1, "validation_failed", "desktop", "resize", "nope", "--size-gib", "0")]
    [InlineData(5, "not_found", "hypervisor", "stop-desktops", "nope")]
    [InlineData(1, "validation_failed", "desktop", "create", "d-1", "--template", "nope")]
    public async Task Refused_OneLineWithCodeAndExitCode(int exit, string code, params string[] args)
    {
        var result = await Run(args);
        Assert.True(exit == result.ExitCode, result.ToString());
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains($"[{code}]", result.Stderr);
    }

    [Fact]
    public async Task Create_WithoutTemplate_Usage()
    {
        var result = await Run("desktop", "create", "d-1");
        Assert.Equal(2, result.ExitCode);
    }
}
