namespace Hyperfleet.Libvirt.Domains;

/// <summary>A domain's state (<c>virDomainState</c>).</summary>
public enum DomainState
{
    /// <summary><c>VIR_DOMAIN_NOSTATE</c>: no state.</summary>
    NoState = 0,

    /// <summary><c>VIR_DOMAIN_RUNNING</c>: running.</summary>
    Running = 1,

    /// <summary><c>VIR_DOMAIN_BLOCKED</c>: blocked on a resource.</summary>
    Blocked = 2,

    /// <summary><c>VIR_DOMAIN_PAUSED</c>: paused by the user.</summary>
    Paused = 3,

    /// <summary><c>VIR_DOMAIN_SHUTDOWN</c>: being shut down.</summary>
    Shutdown = 4,

    /// <summary><c>VIR_DOMAIN_SHUTOFF</c>: shut off.</summary>
    Shutoff = 5,

    /// <summary><c>VIR_DOMAIN_CRASHED</c>: crashed.</summary>
    Crashed = 6,

    /// <summary><c>VIR_DOMAIN_PMSUSPENDED</c>: suspended by guest power management.</summary>
    PMSuspended = 7,
}
