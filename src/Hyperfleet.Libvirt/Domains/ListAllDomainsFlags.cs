namespace Hyperfleet.Libvirt.Domains;

/// <summary>Filters for listing domains (<c>virConnectListAllDomainsFlags</c>); <see cref="None"/> lists all.</summary>
[Flags]
public enum ListAllDomainsFlags
{
    /// <summary>No filter: every domain.</summary>
    None = 0,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_ACTIVE</c>: running or paused domains.</summary>
    Active = 1 << 0,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_INACTIVE</c>: defined domains that are not running.</summary>
    Inactive = 1 << 1,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_PERSISTENT</c>: domains with a persistent definition.</summary>
    Persistent = 1 << 2,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_TRANSIENT</c>: domains without a persistent definition.</summary>
    Transient = 1 << 3,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_RUNNING</c>: domains in the running state.</summary>
    Running = 1 << 4,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_PAUSED</c>: domains in the paused state.</summary>
    Paused = 1 << 5,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_SHUTOFF</c>: domains in the shut-off state.</summary>
    Shutoff = 1 << 6,

    /// <summary><c>VIR_CONNECT_LIST_DOMAINS_OTHER</c>: domains in any other state.</summary>
    Other = 1 << 7,
}
