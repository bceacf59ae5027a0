namespace Hyperfleet.Video.Hypervisor;

/// <summary>The settings of <c>hyperfleet video-proxy</c>: a <c>hypervisor</c>-flavour host's own video proxy.</summary>
public sealed class HypervisorVideoProxyOptions
{
    /// <summary>The control plane's URL, e.g. <c>https://vdi.example.org:8443</c>.</summary>
    public string Server { get; set; } = "";

    /// <summary>The control plane CA's pin, <c>sha256:…</c> (what <c>serve</c> prints); needed for https unless the system trusts it.</summary>
    public string? CaPin { get; set; }

    /// <summary>This host's hypervisor id in the registry.</summary>
    public string Hypervisor { get; set; } = "";

    /// <summary>This hypervisor's credential (<c>hfh_…</c>, from <c>hyperfleet hypervisor credential ID</c>).</summary>
    public string Credential { get; set; } = "";

    /// <summary>The browser (WebSocket, TLS) listener; IsardVDI's HTML5 port is 443.</summary>
    public string BrowserEndpoint { get; set; } = "0.0.0.0:443";

    /// <summary>The SPICE (HTTP CONNECT) listener; IsardVDI's SPICE port is 80.</summary>
    public string SpiceEndpoint { get; set; } = "0.0.0.0:80";

    /// <summary>Where its TLS key (0600) and certificate are kept.</summary>
    public string DataDir { get; set; } = "/var/lib/hyperfleet/video-proxy";

    /// <summary>How long before its certificate expires a new one is requested.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Every problem with these settings, each naming its flag.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            problems.Add($"--server must be the control plane's http(s) URL, not '{Server}'.");
        }
        if (string.IsNullOrWhiteSpace(Hypervisor))
        {
            problems.Add("--hypervisor must name this host's hypervisor id.");
        }
        if (!Credential.StartsWith("hfh_", StringComparison.Ordinal))
        {
            problems.Add("the credential (--credential-file or HYPERFLEET_CREDENTIAL) must be a hypervisor credential hfh_… from 'hyperfleet hypervisor credential ID'.");
        }
        if (CaPin is not null && !Core.Certificates.SpkiPin.IsWellFormed(CaPin))
        {
            problems.Add($"--ca-pin '{CaPin}' is not of the form sha256:<64 hex digits>.");
        }
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("--data-dir must be a directory.");
        }
        var endpoints = new VideoProxyOptions { BrowserEndpoint = BrowserEndpoint, SpiceEndpoint = SpiceEndpoint, ProxyName = "x" };
        problems.AddRange(VideoProxyOptionsValidator.Validate(endpoints, prefix: "--")
            .Select(p => p.Replace("--BrowserEndpoint", "--browser-listen", StringComparison.Ordinal).Replace("--SpiceEndpoint", "--spice-listen", StringComparison.Ordinal)));
        return problems;
    }
}
