namespace Hyperfleet.Libvirt.Errors;

/// <summary>
/// Common values of libvirt's <c>virErrorDomain</c>: the part of libvirt that raised an error. A value
/// not named here is still carried numerically.
/// </summary>
public enum LibvirtErrorDomain
{
    /// <summary><c>VIR_FROM_NONE</c>.</summary>
    None = 0,

    /// <summary><c>VIR_FROM_XML</c>: XML handling.</summary>
    Xml = 5,

    /// <summary><c>VIR_FROM_DOM</c>: an operation on a domain.</summary>
    Dom = 6,

    /// <summary><c>VIR_FROM_RPC</c>: the RPC layer (sockets, keepalive, transports).</summary>
    Rpc = 7,

    /// <summary><c>VIR_FROM_CONF</c>: configuration file handling.</summary>
    Conf = 9,

    /// <summary><c>VIR_FROM_QEMU</c>: the QEMU driver.</summary>
    Qemu = 10,

    /// <summary><c>VIR_FROM_TEST</c>: the test driver.</summary>
    Test = 12,

    /// <summary><c>VIR_FROM_REMOTE</c>: the remote driver.</summary>
    Remote = 13,

    /// <summary><c>VIR_FROM_STORAGE</c>: the storage driver.</summary>
    Storage = 18,

    /// <summary><c>VIR_FROM_NETWORK</c>: the network driver.</summary>
    Network = 19,

    /// <summary><c>VIR_FROM_DOMAIN</c>: domain configuration.</summary>
    Domain = 20,

    /// <summary><c>VIR_FROM_SECURITY</c>: the security framework.</summary>
    Security = 24,

    /// <summary><c>VIR_FROM_EVENT</c>: the event loop implementation.</summary>
    Event = 40,

    /// <summary><c>VIR_FROM_URI</c>: URI handling.</summary>
    Uri = 45,

    /// <summary><c>VIR_FROM_AUTH</c>: authentication handling.</summary>
    Auth = 46,

    /// <summary><c>VIR_FROM_SSH</c>: the libssh2 transport.</summary>
    Ssh = 50,

    /// <summary><c>VIR_FROM_ACCESS</c>: the access control manager.</summary>
    Access = 55,

    /// <summary><c>VIR_FROM_POLKIT</c>: polkit authorization.</summary>
    Polkit = 60,

    /// <summary><c>VIR_FROM_LIBSSH</c>: the libssh transport.</summary>
    LibSsh = 66,
}
