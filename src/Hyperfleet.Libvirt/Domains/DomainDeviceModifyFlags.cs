namespace Hyperfleet.Libvirt.Domains;

/// <summary>Which definition a device change affects (<c>virDomainDeviceModifyFlags</c>).</summary>
[Flags]
public enum DomainDeviceModifyFlags
{
    /// <summary><c>VIR_DOMAIN_AFFECT_CURRENT</c>: the running domain if it runs, else its persistent definition.</summary>
    Current = 0,

    /// <summary><c>VIR_DOMAIN_AFFECT_LIVE</c>: the running domain only (lost when it stops).</summary>
    Live = 1 << 0,

    /// <summary><c>VIR_DOMAIN_AFFECT_CONFIG</c>: the persistent definition.</summary>
    Config = 1 << 1,

    /// <summary><c>VIR_DOMAIN_DEVICE_MODIFY_FORCE</c>: force the change (for example eject a locked CD-ROM).</summary>
    Force = 1 << 2,
}
