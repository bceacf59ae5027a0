namespace Hyperfleet.Libvirt.Events;

/// <summary>The kind of a domain lifecycle event (<c>virDomainEventType</c>).</summary>
public enum DomainLifecycleEventType
{
    /// <summary><c>VIR_DOMAIN_EVENT_DEFINED</c>: a persistent definition was added or updated.</summary>
    Defined = 0,

    /// <summary><c>VIR_DOMAIN_EVENT_UNDEFINED</c>: a persistent definition was removed.</summary>
    Undefined = 1,

    /// <summary><c>VIR_DOMAIN_EVENT_STARTED</c>: the domain started.</summary>
    Started = 2,

    /// <summary><c>VIR_DOMAIN_EVENT_SUSPENDED</c>: the domain was paused.</summary>
    Suspended = 3,

    /// <summary><c>VIR_DOMAIN_EVENT_RESUMED</c>: the domain was unpaused.</summary>
    Resumed = 4,

    /// <summary><c>VIR_DOMAIN_EVENT_STOPPED</c>: the domain stopped (shut down, destroyed, crashed, migrated, saved, failed).</summary>
    Stopped = 5,

    /// <summary><c>VIR_DOMAIN_EVENT_SHUTDOWN</c>: the guest began or finished shutting down.</summary>
    Shutdown = 6,

    /// <summary><c>VIR_DOMAIN_EVENT_PMSUSPENDED</c>: the guest suspended itself through power management.</summary>
    PMSuspended = 7,

    /// <summary><c>VIR_DOMAIN_EVENT_CRASHED</c>: the guest crashed.</summary>
    Crashed = 8,
}
