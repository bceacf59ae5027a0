using System.Globalization;

namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>
/// Real hypervisor hosts hv1..hv<see cref="HostCount"/> made by <c>tools/testbed/testbed</c>: each with its
/// own address, libvirtd and sshd on port <see cref="SshPort"/>. Brought up before the "testbed"
/// collection and torn down after it. Fails (never skips) when the machine lacks a prerequisite.
/// </summary>
public sealed class TestbedFixture : IAsyncLifetime
{
    public const int HostCount = 3;
    public const int SshPort = 2022;

    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, string> _ips = new(StringComparer.Ordinal);

    public TestbedFixture()
    {
        RepoRoot = FindRepoRoot(AppContext.BaseDirectory);
        ScriptPath = Path.Combine(RepoRoot, "tools", "testbed", "testbed");
        Hosts = Enumerable.Range(1, HostCount).Select(i => $"hv{i}").ToArray();
    }

    public string RepoRoot { get; }

    public string ScriptPath { get; }

    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Private key every host accepts for root on <see cref="SshPort"/>.</summary>
    public string KeyPath { get; private set; } = "";

    /// <summary>known_hosts file with every host's current host keys.</summary>
    public string KnownHostsPath { get; private set; } = "";

    /// <summary>ssh wrapper using <see cref="KeyPath"/> and <see cref="KnownHostsPath"/> with strict checking.</summary>
    public string SshCommandPath { get; private set; } = "";

    /// <summary>Root password every host accepts.</summary>
    public string Password { get; private set; } = "";

    /// <summary>Directory every host sees at the same path.</summary>
    public string StoragePath { get; private set; } = "";

    /// <summary>The testbed's state directory (holds the key, pid files, namespace files).</summary>
    public string StateDirectory => Path.GetDirectoryName(KeyPath) ?? throw new InvalidOperationException("testbed is not up");

    /// <summary>True when domains can use KVM; otherwise they must be type 'qemu' (TCG).</summary>
    public bool KvmAvailable { get; private set; }

    public string Ip(string host) =>
        _ips.TryGetValue(host, out var ip)
            ? ip
            : throw new ArgumentException($"unknown testbed host '{host}' (hosts: {string.Join(", ", Hosts)})", nameof(host));

    /// <summary>libvirt URI reaching <paramref name="host"/>'s libvirtd over SSH with host key checking.</summary>
    public string LibvirtUri(string host) =>
        $"qemu+ssh://root@{Ip(host)}:{SshPort}/system?keyfile={KeyPath}&command={SshCommandPath}";

    public async Task InitializeAsync()
    {
        var missing = TestbedPrerequisites.FindMissing(ScriptPath);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The testbed cannot run on this machine. Missing:\n  - " + string.Join("\n  - ", missing) +
                $"\nInstall packages with: sudo bash {Path.Combine(RepoRoot, "tools", "testbed", "install-deps")}");
        }

        await UpAsync();
    }

    public Task DisposeAsync() => DownAsync();

    /// <summary>Runs <c>testbed up</c> (idempotent: repairs what is broken) and reloads addresses and paths.</summary>
    public async Task UpAsync()
    {
        await RunAsync(UpTimeout, "up", HostCount.ToString(CultureInfo.InvariantCulture));
        KeyPath = await RunAsync("key");
        KnownHostsPath = await RunAsync("known-hosts");
        SshCommandPath = await RunAsync("ssh-command");
        Password = await RunAsync("password");
        StoragePath = await RunAsync("storage");
        KvmAvailable = await RunAsync("kvm") == "kvm";
        foreach (var host in Hosts)
        {
            _ips[host] = await RunAsync("ip", host);
        }
    }

    public async Task DownAsync() => await RunAsync("down");

    public Task KillLibvirtdAsync(string host) => RunAsync("kill-libvirtd", host);

    public Task StartLibvirtdAsync(string host) => RunAsync("start-libvirtd", host);

    public Task CutAsync(string host) => RunAsync("cut", host);

    public Task RestoreAsync(string host) => RunAsync("restore", host);

    public Task KillSshdAsync(string host) => RunAsync("kill-sshd", host);

    public Task StartSshdAsync(string host) => RunAsync("start-sshd", host);

    public Task RegenHostKeyAsync(string host) => RunAsync("regen-hostkey", host);

    /// <summary>Stops the overlay's daemons in a host (or <c>vpn</c>, the VPN node's host) and puts its address back on eth0.</summary>
    public Task ResetNetAsync(string host) => RunAsync("reset-net", host);

    /// <summary>Runs any testbed subcommand; returns its trimmed standard output, throws when it fails.</summary>
    public Task<string> RunAsync(params string[] arguments) => RunAsync(CommandTimeout, arguments);

    /// <summary>Runs virsh against <paramref name="host"/>'s libvirtd over qemu+ssh; the caller checks the result.</summary>
    public Task<CommandResult> VirshAsync(string host, params string[] arguments) =>
        CommandRunner.RunAsync("virsh", ["-c", LibvirtUri(host), .. arguments], CommandTimeout);

    private async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var result = await CommandRunner.RunAsync(ScriptPath, arguments, timeout);
        return result.EnsureSuccess().StandardOutput.Trim();
    }

    private static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hyperfleet.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Hyperfleet.slnx not found in {start} or any parent: cannot locate tools/testbed");
    }
}
