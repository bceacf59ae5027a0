using System.Globalization;
using System.Text.RegularExpressions;

namespace Hyperfleet.IntegrationTests.Testbed;

[Collection(TestbedCollection.Name)]
public partial class TestbedDownTests(TestbedFixture testbed)
{
    [Fact]
    public async Task Down_WithRunningDomain_LeavesNoNamespaceLinkProcessOrMount()
    {
        var stateDirectory = testbed.StateDirectory;
        await using var domain = await TestDomain.StartAsync(testbed, "hv1");
        var pids = Directory.EnumerateFiles(stateDirectory, "*.pid", SearchOption.AllDirectories)
            .Select(ReadPid).Where(pid => pid > 0).ToList();
        // libvirtd, virtlogd and sshd per host, plus the domain's QEMU.
        Assert.True(pids.Count >= (TestbedFixture.HostCount * 3) + 1, $"only {pids.Count} pid files");
        try
        {
            await testbed.DownAsync();

            Assert.Empty(await NamespacesAsync());
            Assert.Empty(await LinksAsync());
            Assert.DoesNotContain(pids, IsRunning);
            Assert.Empty(MountsUnder(stateDirectory));
        }
        finally
        {
            // Leave a working testbed for the rest of the collection.
            await testbed.UpAsync();
        }
    }

    private static async Task<IEnumerable<string>> NamespacesAsync()
    {
        var output = (await CommandRunner.RunAsync("ip", ["netns", "list"])).EnsureSuccess().StandardOutput;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => HostName().IsMatch(name));
    }

    private static async Task<IEnumerable<string>> LinksAsync()
    {
        var output = (await CommandRunner.RunAsync("ip", ["-o", "link", "show"])).EnsureSuccess().StandardOutput;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ")[1].Split('@')[0])
            .Where(name => name.StartsWith("hftb", StringComparison.Ordinal));
    }

    private static IEnumerable<string> MountsUnder(string directory) =>
        File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4])
            .Where(mountPoint => mountPoint.StartsWith(directory, StringComparison.Ordinal));

    private static int ReadPid(string pidFile) =>
        int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;

    private static bool IsRunning(int pid)
    {
        // A zombie waits only for init to reap it: it no longer runs.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^hv[0-9]+$")]
    private static partial Regex HostName();
}
