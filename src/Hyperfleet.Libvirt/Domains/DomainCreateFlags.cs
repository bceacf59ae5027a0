namespace Hyperfleet.Libvirt.Domains;

/// <summary>Flags for starting a domain (<c>virDomainCreateFlags</c>).</summary>
[Flags]
public enum DomainCreateFlags
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary><c>VIR_DOMAIN_START_PAUSED</c>: launch the guest paused.</summary>
    Paused = 1 << 0,

    /// <summary><c>VIR_DOMAIN_START_AUTODESTROY</c>: destroy the guest when the creating connection closes.</summary>
    AutoDestroy = 1 << 1,

    /// <summary><c>VIR_DOMAIN_START_BYPASS_CACHE</c>: avoid file system cache pollution.</summary>
    BypassCache = 1 << 2,

    /// <summary><c>VIR_DOMAIN_START_FORCE_BOOT</c>: boot, discarding any managed save.</summary>
    ForceBoot = 1 << 3,

    /// <summary><c>VIR_DOMAIN_START_VALIDATE</c>: validate the XML against the schema.</summary>
    Validate = 1 << 4,
}
