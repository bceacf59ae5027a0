using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hyperfleet.Cli.Tests;

/// <summary>
/// 'hypervisor credential' and 'video-proxy' as an admin and a host's systemd would run them: the credential file is the
/// owner's only; bad flags are named at once; a wrong CA pin is refused before anything is sent; with the right pin the
/// proxy starts, and SIGTERM stops it with exit 0.
/// </summary>
public sealed class VideoProxyCliTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task VideoProxy_BadFlags_NamesEveryProblemAndExits2()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), "video-proxy", "--server", "not a url", "--hypervisor", "hv1",
            "--ca-pin", "sha256:nope", "--browser-listen", "nowhere");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        foreach (var named in new[] { "--server", "credential", "--ca-pin", "--browser-listen" })
        {
            Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Credential_ThenVideoProxy_WrongPinRefusedRightPinRunsUntilSigterm()
    {
        var env = await serve.LoggedInAsync("hf-vp-");
        var id = "vp-" + Guid.NewGuid().ToString("N")[..6];
        var add = await CliRunner.RunAsync(env, "hypervisor", "add", id, "--hostname", $"{id}.example.org", "--flavour", "hypervisor");
        Assert.True(add.ExitCode == 0, add.ToString());
        var file = Path.Combine(env["HYPERFLEET_CONFIG_DIR"]!, "credential");
        var issued = await CliRunner.RunAsync(env, "hypervisor", "credential", id, "-o", file);
        Assert.True(issued.ExitCode == 0, issued.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.StartsWith("hfh_", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        string[] Args(string pin) =>
        [
            "video-proxy", "--server", serve.HttpsUrl, "--ca-pin", pin, "--hypervisor", id, "--credential-file", file,
            "--browser-listen", "127.0.0.1:0", "--spice-listen", "127.0.0.1:0", "--data-dir", Path.Combine(env["HYPERFLEET_CONFIG_DIR"]!, "vp"),
        ];
        var wrong = await CliRunner.RunAsync(new Dictionary<string, string?>(), Args("sha256:" + new string('0', 64)));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("ca_pin_mismatch", wrong.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(env["HYPERFLEET_CONFIG_DIR"]!, "vp")), "nothing was made before the server was trusted");

        using var proxy = CliRunner.Start(new Dictionary<string, string?>(), Args(serve.CaPin));
        var output = new StringBuilder();
        var started = new TaskCompletionSource();
        proxy.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.StartsWith($"Video proxy of {id}", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        proxy.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        proxy.BeginOutputReadLine();
        proxy.BeginErrorReadLine();
        try
        {
            Assert.Same(started.Task, await Task.WhenAny(started.Task, proxy.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))));
            var events = await CliRunner.RunAsync(env, "hypervisor", "events", id, "--json");
            Assert.Contains("certificate_issued", events.Stdout, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", proxy.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await proxy.WaitForExitAsync(deadline.Token);
            Assert.True(proxy.ExitCode == 0, output.ToString());
        }
        finally
        {
            if (!proxy.HasExited)
            {
                proxy.Kill(entireProcessTree: true);
            }
        }
    }
}
