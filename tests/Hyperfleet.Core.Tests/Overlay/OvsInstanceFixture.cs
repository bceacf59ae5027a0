using System.Diagnostics;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

/// <summary>
/// A real Open vSwitch of our own (ovsdb-server + ovs-vswitchd, userspace datapath) in a fresh temporary directory,
/// started through <see cref="OvsInstance.EnsureRunningAsync"/>, in this process's network namespace.
/// </summary>
/// <remarks>
/// The userspace datapath makes persistent TAP devices in the namespace: <c>ovs-netdev</c> and one per bridge. Only one
/// ovs-vswitchd can hold <c>ovs-netdev</c>, so a second instance in the same namespace cannot create bridges; hence one
/// instance for all tests, a machine-wide lock against another test run, bridges named so no other link has the name,
/// and a teardown that deletes the bridges (and with the last one <c>ovs-netdev</c>) before it kills the daemons by
/// their own pids (other OVS instances run on this machine).
/// </remarks>
public sealed class OvsInstanceFixture : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private const string LockFile = "/tmp/hyperfleet-tests-ovs-netns.lock";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Daemons = ["ovsdb-server", "ovs-vswitchd"];

    private readonly HashSet<int> seenPids = [];
    private readonly List<string> bridges = [];
    private FileStream? netnsLock;
    private bool hadOvsNetdev;

    public OvsInstanceFixture()
    {
        RunDirectory = Directory.CreateTempSubdirectory("hf-ovs-").FullName;
        Ovs = new OvsInstance(new HostCommand(), RunDirectory);
    }

    public string RunDirectory { get; }

    public OvsInstance Ovs { get; }

    /// <summary>What the first <see cref="OvsInstance.EnsureRunningAsync"/> said it started.</summary>
    public IReadOnlyList<string> StartedAtFirst { get; private set; } = [];

    public async Task InitializeAsync()
    {
        netnsLock = await TakeLockAsync();
        hadOvsNetdev = LinkExists("ovs-netdev");
        using var cts = new CancellationTokenSource(Deadline * 2);
        StartedAtFirst = await Ovs.EnsureRunningAsync(cts.Token);
        RememberPids();
    }

    /// <summary>A bridge name no link on the machine has (a userspace bridge's internal port is a TAP device of that name).</summary>
    public string NewBridgeName()
    {
        string name;
        do
        {
            name = $"hfo{Random.Shared.Next(100_000):D5}";
        }
        while (LinkExists(name));
        bridges.Add(name);
        return name;
    }

    /// <summary>Notes the daemons' pids, so that teardown can still kill one whose pid file is gone or rewritten.</summary>
    public void RememberPids()
    {
        foreach (var daemon in Daemons)
        {
            if (Ovs.PidOf(daemon) is { } pid)
            {
                seenPids.Add(pid);
            }
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails naming the last value after the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{what} not seen within {Deadline.TotalSeconds:0} s; last: {value}\n{context?.Invoke()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The end of a daemon's log, for failure messages.</summary>
    public string LogTail(string daemon, int lines = 30)
    {
        var file = Path.Combine(RunDirectory, daemon + ".log");
        return File.Exists(file) ? $"{daemon}.log:\n" + string.Join('\n', File.ReadLines(file).TakeLast(lines)) : $"no {daemon}.log";
    }

    /// <summary>The state letter of a process (<c>R</c>, <c>S</c>, <c>Z</c>, …), or "gone".</summary>
    public static string ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RemoveBridgesAndStopAsync();
            RememberPids();
            foreach (var pid in seenPids.Where(IsOurs))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the kill.
                }
            }
            var deadline = DateTime.UtcNow + Deadline;
            while (seenPids.Any(p => ProcessState(p) is not ("gone" or "Z" or "X") && IsOurs(p)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            // Persistent TAP devices outlive a daemon that did not remove its bridges; ours have names nobody else uses.
            foreach (var link in bridges.Where(LinkExists).Concat(!hadOvsNetdev && LinkExists("ovs-netdev") ? ["ovs-netdev"] : []))
            {
                await new HostCommand().TryRunAsync("ip", ["link", "del", link], CancellationToken.None);
            }
            await DeleteDirectoryAsync();
        }
        finally
        {
            if (netnsLock is not null)
            {
                await netnsLock.DisposeAsync();
            }
        }
    }

    private async Task RemoveBridgesAndStopAsync()
    {
        if (Ovs.PidOf("ovs-vswitchd") is null || Ovs.PidOf("ovsdb-server") is null)
        {
            return;
        }
        try
        {
            foreach (var bridge in bridges)
            {
                await Ovs.VsctlAsync(CancellationToken.None, "--", "--if-exists", "del-br", bridge);
            }
            await Ovs.AppctlAsync(CancellationToken.None, "exit", "--cleanup");
        }
        catch (OverlayException)
        {
            // Best effort: the kill and the link removal below still run.
        }
    }

    private async Task DeleteDirectoryAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(RunDirectory, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                // A dying daemon may still be writing a file in it.
                await Task.Delay(100);
            }
        }
    }

    private static async Task<FileStream> TakeLockAsync()
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test run has its Open vSwitch in this namespace; two cannot share ovs-netdev.
                await Task.Delay(250);
            }
        }
    }

    private static bool LinkExists(string name) => Directory.Exists($"/sys/class/net/{name}");

    /// <summary>Whether <paramref name="pid"/> is one of this instance's daemons (its command line names the run directory).</summary>
    private bool IsOurs(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(RunDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
