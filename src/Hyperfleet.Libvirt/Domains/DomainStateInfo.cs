namespace Hyperfleet.Libvirt.Domains;

/// <summary>A domain's state and the reason it is in it.</summary>
/// <param name="State">The state.</param>
/// <param name="Reason">Libvirt's reason code, whose meaning depends on <paramref name="State"/> (<c>virDomain*Reason</c> in libvirt-domain.h).</param>
public readonly record struct DomainStateInfo(DomainState State, int Reason);
