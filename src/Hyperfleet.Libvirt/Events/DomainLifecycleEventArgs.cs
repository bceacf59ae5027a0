namespace Hyperfleet.Libvirt.Events;

/// <summary>Data of <see cref="LibvirtConnection.DomainLifecycle"/>.</summary>
/// <param name="eventType">What happened.</param>
/// <param name="detail">Libvirt's detail code for <paramref name="eventType"/> (for example <c>VIR_DOMAIN_EVENT_STOPPED_DESTROYED</c> = 1).</param>
/// <param name="domainName">The domain's name.</param>
/// <param name="domainUuid">The domain's UUID in its canonical string form.</param>
public sealed class DomainLifecycleEventArgs(
    DomainLifecycleEventType eventType, int detail, string domainName, string domainUuid) : EventArgs
{
    /// <summary>What happened.</summary>
    public DomainLifecycleEventType EventType { get; } = eventType;

    /// <summary>Libvirt's detail code, whose meaning depends on <see cref="EventType"/> (libvirt-domain.h, <c>virDomainEvent*DetailType</c>).</summary>
    public int Detail { get; } = detail;

    /// <summary>The domain's name.</summary>
    public string DomainName { get; } = domainName;

    /// <summary>The domain's UUID in its canonical string form.</summary>
    public string DomainUuid { get; } = domainUuid;
}
