using System.Globalization;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// An Open vSwitch of Hyperfleet's own (<c>ovsdb-server</c> + <c>ovs-vswitchd</c>, userspace datapath), with its database,
/// sockets, pid files and logs in one directory. One per network namespace: the userspace datapath's devices
/// (<c>ovs-netdev</c>, one per bridge) are kernel devices of the namespace it runs in, so a second instance there fails.
/// The daemons are detached: they outlive a restart of the agent or of <c>serve</c>, and desktops keep their network.
/// Bridges and ports live in its database and survive an <c>ovs-vswitchd</c> restart; addresses on its internal ports
/// do not (the caller puts them back).
/// </summary>
public sealed class OvsInstance(HostCommand host, string runDirectory)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    public string RunDirectory { get; } = runDirectory;

    public string DbSocket => Path.Combine(RunDirectory, "db.sock");

    private string Database => Path.Combine(RunDirectory, "conf.db");

    private string SwitchControl => Path.Combine(RunDirectory, "ovs-vswitchd.ctl");

    /// <summary>Starts whichever daemon is not running; returns the names of those it (re)started.</summary>
    public async Task<IReadOnlyList<string>> EnsureRunningAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(RunDirectory);
        var started = new List<string>();
        if (!Alive("ovsdb-server"))
        {
            if (!File.Exists(Database))
            {
                await host.RunAsync("ovsdb-tool", ["create", Database, "/usr/share/openvswitch/vswitch.ovsschema"], ct);
            }
            if (File.Exists(DbSocket))
            {
                File.Delete(DbSocket);
            }
            await host.RunAsync("env", [RunDirEnv, "ovsdb-server",
                $"--remote=punix:{DbSocket}", Pid("ovsdb-server"), $"--unixctl={Path.Combine(RunDirectory, "ovsdb-server.ctl")}",
                "--detach", $"--log-file={Path.Combine(RunDirectory, "ovsdb-server.log")}", Database], ct, StartTimeout);
            await VsctlAsync(ct, "--no-wait", "init");
            started.Add("ovsdb-server");
        }
        if (!Alive("ovs-vswitchd"))
        {
            if (File.Exists(SwitchControl))
            {
                File.Delete(SwitchControl);
            }
            await host.RunAsync("env", [RunDirEnv, "ovs-vswitchd",
                $"unix:{DbSocket}", "--disable-system", Pid("ovs-vswitchd"), $"--unixctl={SwitchControl}",
                "--detach", $"--log-file={Path.Combine(RunDirectory, "ovs-vswitchd.log")}"], ct, StartTimeout);
            started.Add("ovs-vswitchd");
        }
        return started;
    }

    /// <summary>The pid of a running daemon, from its pid file; null when it is not running.</summary>
    public int? PidOf(string daemon)
    {
        var file = Path.Combine(RunDirectory, daemon + ".pid");
        if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        // The pid file outlives a killed daemon, and the pid may be reused: check what runs under it.
        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == daemon[..Math.Min(daemon.Length, 15)] && !Dead(pid) ? pid : null;
    }

    private bool Alive(string daemon) => PidOf(daemon) is not null;

    /// <summary>A killed daemon not yet reaped (where init is slow to reap) still shows its name: its state says Z.</summary>
    private static bool Dead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is "Z" or "X";
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Without it, every instance puts its bridges' management sockets in one directory, where they collide.</summary>
    private string RunDirEnv => "OVS_RUNDIR=" + RunDirectory;

    private string Pid(string daemon) => $"--pidfile={Path.Combine(RunDirectory, daemon + ".pid")}";

    /// <summary>Runs <c>ovs-vsctl</c> against this instance.</summary>
    public Task<string> VsctlAsync(CancellationToken ct, params string[] args) =>
        host.RunAsync("ovs-vsctl", [$"--db=unix:{DbSocket}", "--timeout=5", .. args], ct);

    /// <summary>Runs <c>ovs-appctl</c> against this instance's <c>ovs-vswitchd</c>.</summary>
    public Task<string> AppctlAsync(CancellationToken ct, params string[] args) =>
        host.RunAsync("ovs-appctl", ["-t", SwitchControl, "--timeout=5", .. args], ct);

    /// <summary>Makes a userspace (<c>netdev</c>) bridge, if missing.</summary>
    public Task EnsureBridgeAsync(string bridge, CancellationToken ct, params string[] moreSettings) =>
        VsctlAsync(ct, ["--", "--may-exist", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev", .. moreSettings]);

    /// <summary>Every interface of the instance.</summary>
    public async Task<IReadOnlyList<OvsInterface>> InterfacesAsync(CancellationToken ct) =>
        OvsJson.ParseInterfaces(await VsctlAsync(ct, "--format=json", $"--columns={OvsJson.InterfaceColumns}", "list", "Interface"));

    /// <summary>The names of a bridge's ports.</summary>
    public async Task<IReadOnlyList<string>> PortsAsync(string bridge, CancellationToken ct) =>
        (await VsctlAsync(ct, "list-ports", bridge)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Adds (or re-points) a Geneve port with BFD; one transaction, so a port never exists half set.</summary>
    public Task SetGenevePortAsync(string bridge, string name, string remote, int vni, int bfdIntervalMs, IReadOnlyDictionary<string, string> externalIds,
        CancellationToken ct)
    {
        var ms = bfdIntervalMs.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "--", "--may-exist", "add-port", bridge, name,
            "--", "set", "interface", name, "type=geneve", $"options:remote_ip={remote}",
            $"options:key={vni.ToString(CultureInfo.InvariantCulture)}", "bfd:enable=true", $"bfd:min_rx={ms}", $"bfd:min_tx={ms}",
        };
        args.AddRange(externalIds.Select(kv => $"external_ids:{kv.Key}=\"{kv.Value}\""));
        return VsctlAsync(ct, [.. args]);
    }

    /// <summary>Removes a port, if there.</summary>
    public Task RemovePortAsync(string bridge, string name, CancellationToken ct) =>
        VsctlAsync(ct, "--", "--if-exists", "del-port", bridge, name);
}
