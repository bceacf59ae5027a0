namespace Hyperfleet.Core.Validation;

/// <summary>What kind of address an IP literal denotes, as far as a hypervisor's hostname is concerned.</summary>
internal enum AddressScope
{
    /// <summary>An ordinary unicast address other hosts can reach.</summary>
    Unicast,

    /// <summary>127.0.0.0/8 or ::1: this host only.</summary>
    Loopback,

    /// <summary>169.254.0.0/16 or fe80::/10: one link only.</summary>
    LinkLocal,

    /// <summary>0.0.0.0/8 or ::: "this host/network", never a destination.</summary>
    Unspecified,

    /// <summary>224.0.0.0/4 or ff00::/8.</summary>
    Multicast,

    /// <summary>240.0.0.0/4, including the broadcast address 255.255.255.255.</summary>
    Reserved,

    /// <summary>::a.b.c.d (IPv4-compatible IPv6), deprecated by RFC 4291.</summary>
    Ipv4Compatible,
}
