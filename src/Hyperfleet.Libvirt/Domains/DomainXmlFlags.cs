namespace Hyperfleet.Libvirt.Domains;

/// <summary>Flags for reading a domain's XML (<c>virDomainXMLFlags</c>).</summary>
[Flags]
public enum DomainXmlFlags
{
    /// <summary>No flags: the live description.</summary>
    None = 0,

    /// <summary><c>VIR_DOMAIN_XML_SECURE</c>: include security-sensitive information (needs a read-write connection).</summary>
    Secure = 1 << 0,

    /// <summary><c>VIR_DOMAIN_XML_INACTIVE</c>: the persistent definition rather than the live one.</summary>
    Inactive = 1 << 1,

    /// <summary><c>VIR_DOMAIN_XML_UPDATE_CPU</c>: update guest CPU requirements according to the host CPU.</summary>
    UpdateCpu = 1 << 2,

    /// <summary><c>VIR_DOMAIN_XML_MIGRATABLE</c>: XML suitable for migration.</summary>
    Migratable = 1 << 3,
}
