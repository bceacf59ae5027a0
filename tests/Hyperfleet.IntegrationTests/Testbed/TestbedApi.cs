using System.Diagnostics;
using System.Text.Json;
using Hyperfleet.IntegrationTests.Ssh;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>
/// What the API tests on the testbed share: installing the control plane's key on hosts, waiting for a resource to
/// reach a state, and asking a host's libvirtd what runs.
/// </summary>
internal static class TestbedApi
{
    /// <summary>add-ssh-key for each host, as an admin would (the host key pinned, the key installed).</summary>
    public static async Task InstallKeysAsync(this HttpClient admin, TestbedFixture testbed, params string[] hosts)
    {
        foreach (var host in hosts)
        {
            await TestbedSsh.InstallAsync(admin, testbed.Ip(host), testbed.Password);
        }
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="condition"/> holds; fails with the last answer otherwise.</summary>
    public static async Task<T> WaitForAsync<T>(this HttpClient admin, ITestOutputHelper output, string path, Func<T, bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            var response = await admin.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var value = JsonSerializer.Deserialize<T>(last, Hyperfleet.Server.Api.Json.ApiJson.Options)!;
                if (condition(value))
                {
                    output.WriteLine($"{path}: {because} after {clock.Elapsed.TotalSeconds:0.0} s");
                    return value;
                }
            }
            await Task.Delay(200);
        }
        // Most waits are for a disk task's owner: what the queue says is usually why.
        var tasks = await (await admin.GetAsync("/api/v1/tasks?limit=20")).Content.ReadAsStringAsync();
        Assert.Fail($"{path}: not {because} within {timeout.TotalSeconds} s; last: {last}\ntasks: {tasks}");
        throw new InvalidOperationException();
    }

    /// <summary>The names of the domains running on a testbed host, as its own libvirtd says.</summary>
    public static async Task<List<string>> RunningDomainsAsync(this TestbedFixture testbed, string host) =>
        [.. (await testbed.VirshAsync(host, "list", "--name")).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
