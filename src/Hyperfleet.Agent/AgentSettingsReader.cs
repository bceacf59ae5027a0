using Hyperfleet.Core.Overlay;
using System.Globalization;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Core.Configuration;
using Hyperfleet.Core.Enrollment;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Agent;

/// <summary>
/// Reads the agent's config file into <see cref="AgentSettings"/> and names every problem at once, each with its key, so
/// one edit fixes them all. Keys the agent does not know (an <c>isardvdi.cfg</c> has many) are listed as ignored.
/// </summary>
public static class AgentSettingsReader
{
    public const string ServerKey = "HYPERFLEET_URL";
    public const string TokenKey = "HYPERFLEET_ENROLLMENT_TOKEN";
    public const string ModeKey = "VPN_TUNNELING_MODE";
    public const string CaPinKey = "HYPERFLEET_CA_PIN";
    public const string HyperIdKey = "HYPER_ID";

    /// <summary>Every key the agent reads, with what it means (the README's table and <c>deploy/agent.cfg</c> say the same).</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        ServerKey, TokenKey, CaPinKey, HyperIdKey, "HYPER_HOSTNAME", "HYPER_DESCRIPTION", "HYPER_SSH_PORT", "HYPER_SSH_USER",
        "HYPER_SSH_HOST_KEY", "CAPABILITIES_HYPER", "CAPABILITIES_DISK", "FLAVOUR", ModeKey, "HYPER_FREEMEM",
        "ONLY_FORCED_HYP", "INFRASTRUCTURE_MTU", "VIEWER_STATIC_HOST", "VIEWER_PROXY_VIDEO_HOST", "VIEWER_PROXY_HYPER_HOST",
        "VIEWER_SPICE_PORT", "VIEWER_HTML5_PORT", "HYPERVISOR_HOST_TRUNK_INTERFACE", "HYPERVISOR_STATIC_VLANS", "VLAN_DETECT_SECONDS",
        "HYPERFLEET_AGENT_DATA", "LIBVIRT_URI", "VIDEO_PROXY_BROWSER_LISTEN", "VIDEO_PROXY_SPICE_LISTEN", "OVS_RUNDIR",
    ];

    public sealed record Result(AgentSettings Settings, IReadOnlyList<string> Problems, IReadOnlyList<string> Ignored);

    /// <param name="text">The file's text.</param>
    /// <param name="defaultId">HYPER_ID when the file has none (the host's short name).</param>
    public static Result Read(string text, string defaultId)
    {
        var file = CfgFile.Parse(text);
        var problems = new List<string>(file.Problems);
        var s = new AgentSettings();

        s.Server = file.Get(ServerKey) ?? "";
        if (!Uri.TryCreate(s.Server, UriKind.Absolute, out var server) || server.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{ServerKey} must be the control plane's https URL (e.g. https://vdi.example.org:8443), not '{s.Server}'.");
        }
        s.Token = file.Get(TokenKey);
        if (s.Token is not null && !EnrollmentTokenFormat.IsWellFormed(s.Token))
        {
            problems.Add($"{TokenKey} must be an enrollment token <6 characters>.<16 characters> (hyperfleet token create).");
        }
        s.CaPin = file.Get(CaPinKey);
        if (s.CaPin is null || !SpkiPin.IsWellFormed(s.CaPin))
        {
            problems.Add($"{CaPinKey} must be the control plane CA's pin sha256:<64 hex digits> (hyperfleet token create prints it).");
        }
        s.HypervisorId = file.Get(HyperIdKey) ?? defaultId;
        Rule(problems, HyperIdKey, SlugRule.Validate(s.HypervisorId));
        s.Hostname = file.Get("HYPER_HOSTNAME");
        if (s.Hostname is not null)
        {
            Rule(problems, "HYPER_HOSTNAME", HostnameRule.Validate(s.Hostname));
        }
        s.Description = file.Get("HYPER_DESCRIPTION");
        s.SshPort = Int(file, problems, "HYPER_SSH_PORT", s.SshPort);
        Rule(problems, "HYPER_SSH_PORT", PortNumberRule.Validate(s.SshPort));
        s.SshUser = file.Get("HYPER_SSH_USER") ?? s.SshUser;
        Rule(problems, "HYPER_SSH_USER", SshUserRule.Validate(s.SshUser));
        s.SshHostKeyFile = file.Get("HYPER_SSH_HOST_KEY") ?? s.SshHostKeyFile;
        s.CapHypervisor = Bool(file, problems, "CAPABILITIES_HYPER", s.CapHypervisor);
        s.CapDiskOperations = Bool(file, problems, "CAPABILITIES_DISK", s.CapDiskOperations);
        Rule(problems, "CAPABILITIES_HYPER/CAPABILITIES_DISK", HypervisorTypes.Validate(s.CapHypervisor, s.CapDiskOperations));
        if (file.Get("FLAVOUR") is { } flavour)
        {
            if (WireNames.TryParseFlavour(flavour, out var f))
            {
                s.Flavour = f;
            }
            else
            {
                problems.Add($"FLAVOUR must be 'hypervisor' or 'hypervisor-standalone', not '{flavour}'.");
            }
        }
        if (file.Get(ModeKey) is { } mode)
        {
            if (WireNames.TryParseMode(mode, out var m))
            {
                s.VpnTunnelingMode = m;
            }
            else
            {
                problems.Add($"VPN_TUNNELING_MODE must be 'wireguard+geneve' or 'geneve', not '{mode}'.");
            }
        }
        var freeGib = Int(file, problems, "HYPER_FREEMEM", 0);
        if (freeGib is < 0 or > 16 * 1024)
        {
            problems.Add("HYPER_FREEMEM (GiB kept free for the host) must be between 0 and 16384.");
        }
        s.MinFreeMemMib = Math.Clamp(freeGib, 0, 16 * 1024) * 1024;
        s.OnlyForced = Bool(file, problems, "ONLY_FORCED_HYP", false);
        s.InfrastructureMtu = Int(file, problems, "INFRASTRUCTURE_MTU", s.InfrastructureMtu);
        Rule(problems, "INFRASTRUCTURE_MTU", MtuMath.ValidateInfrastructureMtu(s.InfrastructureMtu));
        s.ViewerStaticHost = OptionalHost(file, problems, "VIEWER_STATIC_HOST");
        s.ViewerProxyVideoHost = OptionalHost(file, problems, "VIEWER_PROXY_VIDEO_HOST");
        s.ViewerProxyHyperHost = OptionalHost(file, problems, "VIEWER_PROXY_HYPER_HOST");
        s.ViewerSpicePort = OptionalPort(file, problems, "VIEWER_SPICE_PORT");
        s.ViewerHtml5Port = OptionalPort(file, problems, "VIEWER_HTML5_PORT");
        s.TrunkInterface = file.Get("HYPERVISOR_HOST_TRUNK_INTERFACE");
        if (s.TrunkInterface is { } trunk && !VlanIds.IsInterfaceName(trunk))
        {
            problems.Add($"HYPERVISOR_HOST_TRUNK_INTERFACE '{trunk}' is not an interface name (1–15 letters, digits, '-', '_', '.').");
        }
        s.VlanDetectSeconds = Int(file, problems, "VLAN_DETECT_SECONDS", s.VlanDetectSeconds);
        if (s.VlanDetectSeconds is < 1 or > 3600)
        {
            problems.Add("VLAN_DETECT_SECONDS must be between 1 and 3600.");
        }
        s.StaticVlans = Vlans(file, problems);
        if (s.StaticVlans.Count > 0 && s.TrunkInterface is null)
        {
            problems.Add("HYPERVISOR_STATIC_VLANS needs HYPERVISOR_HOST_TRUNK_INTERFACE, the interface they arrive on.");
        }
        s.DataDir = file.Get("HYPERFLEET_AGENT_DATA") ?? s.DataDir;
        s.OvsRunDirectory = file.Get("OVS_RUNDIR") ?? s.OvsRunDirectory;
        s.LibvirtUri = file.Get("LIBVIRT_URI") ?? s.LibvirtUri;
        s.VideoBrowserListen = file.Get("VIDEO_PROXY_BROWSER_LISTEN") ?? s.VideoBrowserListen;
        s.VideoSpiceListen = file.Get("VIDEO_PROXY_SPICE_LISTEN") ?? s.VideoSpiceListen;
        var ignored = file.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return new Result(s, problems, ignored);
    }

    private static void Rule(List<string> problems, string key, RuleError? error)
    {
        if (error is not null)
        {
            problems.Add($"{key}: {error.Message}");
        }
    }

    private static int Int(CfgFile file, List<string> problems, string key, int fallback)
    {
        var text = file.Get(key);
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        problems.Add($"{key} must be a whole number, not '{text}'.");
        return fallback;
    }

    private static bool Bool(CfgFile file, List<string> problems, string key, bool fallback)
    {
        switch (file.Get(key)?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "true" or "yes" or "1":
                return true;
            case "false" or "no" or "0":
                return false;
            default:
                problems.Add($"{key} must be true or false, not '{file.Get(key)}'.");
                return fallback;
        }
    }

    private static string? OptionalHost(CfgFile file, List<string> problems, string key)
    {
        var host = file.Get(key);
        if (host is not null)
        {
            Rule(problems, key, HostnameRule.Validate(host, allowLocal: true));
        }
        return host;
    }

    private static int? OptionalPort(CfgFile file, List<string> problems, string key)
    {
        if (file.Get(key) is null)
        {
            return null;
        }
        var port = Int(file, problems, key, 0);
        Rule(problems, key, PortNumberRule.Validate(port));
        return port;
    }

    private static List<int> Vlans(CfgFile file, List<string> problems)
    {
        var vlans = new List<int>();
        foreach (var part in (file.Get("HYPERVISOR_STATIC_VLANS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var vlan) && VlanIds.IsValid(vlan))
            {
                vlans.Add(vlan);
            }
            else
            {
                problems.Add($"HYPERVISOR_STATIC_VLANS: '{part}' is not a VLAN id (1–4094).");
            }
        }
        return vlans;
    }
}
