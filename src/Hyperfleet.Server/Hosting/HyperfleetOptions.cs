namespace Hyperfleet.Server.Hosting;

/// <summary>Settings of <c>hyperfleet serve</c>, bound from the <c>Hyperfleet</c> configuration section.</summary>
public sealed class HyperfleetOptions
{
    public const string Section = "Hyperfleet";

    /// <summary>
    /// Roles this process runs (<c>--roles</c>): <c>api</c>, <c>engine</c>, <c>video</c> (the central video proxy),
    /// <c>vpn</c> (the overlay's hub; it starts only where <c>VPN_HOST</c> is set and WireGuard and Open vSwitch are
    /// installed). Default: all.
    /// </summary>
    public string Roles { get; set; } = "api,engine,video,vpn";

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the embedded database and the control plane's keys live.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>
    /// PostgreSQL connection string; empty means the embedded SQLite database in <see cref="DataDir"/>.
    /// Set through <c>HYPERFLEET_DATABASE</c> or <c>ConnectionStrings:Hyperfleet</c>.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Password of <c>admin</c> on first start (<c>HYPERFLEET_ADMIN_PASSWORD</c>); generated and printed once when empty.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long a bearer token from <c>POST /api/v1/auth/token</c> stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Largest request body the API accepts.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How often the engine looks for hypervisors in <c>Deleting</c> that can be removed.</summary>
    public TimeSpan DeletionSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Prefix of the container network, for the firewall commands of container deployments (<c>DOCKER_NET</c>).</summary>
    public string DockerNet { get; set; } = "172.31.255";

    /// <summary>WireGuard port of the VPN node (<c>WG_HYPERS_PORT</c>).</summary>
    public int WgHypersPort { get; set; } = 4443;

    /// <summary>
    /// Port where hypervisors' agents reach the API, as published (behind a proxy it differs from the
    /// listening port). Empty: the port <c>serve</c> listens on.
    /// </summary>
    public int? PublicApiPort { get; set; }
}
