using System.Text.Json;

namespace Hyperfleet.Cli.Tests;

/// <summary>'cert list', 'ca', and talking to serve's https listener by the CA pin it printed.</summary>
public sealed class CertificateCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private Dictionary<string, string?> HttpsEnvironment(string? pin)
    {
        var env = serve.Environment();
        env["HYPERFLEET_URL"] = serve.HttpsUrl;
        env["HYPERFLEET_CONFIG_DIR"] = Directory.CreateTempSubdirectory("hf-https-").FullName;
        env["HYPERFLEET_CA_PIN"] = pin;
        return env;
    }

    [Fact]
    public void Serve_PrintsTheHttpsCertificateAndTheCaPin()
    {
        Assert.Matches("^sha256:[0-9a-f]{64}$", serve.CaPin);
        Assert.Contains("HTTPS certificate: from the control plane's CA", serve.Output, StringComparison.Ordinal);
        Assert.Contains("Hyperfleet listening on " + serve.HttpsUrl, serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ca_PrintsThePemAndThePinServePrinted()
    {
        var result = await CliRunner.RunAsync(serve.Environment(), "ca");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("# CA pin: " + serve.CaPin, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAndCertList_OverHttpsWithThePin_ShowTheCaAndServerCertificates()
    {
        var env = HttpsEnvironment(serve.CaPin);
        env["HYPERFLEET_PASSWORD"] = serve.AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());

        var table = await CliRunner.RunAsync(env, "cert", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(serve.CaPin, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Hyperfleet control plane CA", table.Stdout, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync(env, "cert", "list", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var kinds = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Contains("ca", kinds);
        Assert.Contains("server", kinds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Https_WithoutOrWithAWrongPin_IsRefusedAsUntrusted(string? pin)
    {
        var result = await CliRunner.RunAsync(HttpsEnvironment(pin), "ca");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not trusted", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaPin_Malformed_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(serve.Environment(), "--ca-pin", "md5:abc", "ca");
        Assert.Equal(2, result.ExitCode);
    }
}
