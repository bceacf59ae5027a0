namespace Hyperfleet.Libvirt.Errors;

/// <summary>
/// Common values of libvirt's <c>virErrorNumber</c> (virterror.h). Libvirt defines many more; a code
/// not named here is still carried numerically (cast it to <see cref="int"/>).
/// </summary>
public enum LibvirtErrorCode
{
    /// <summary><c>VIR_ERR_OK</c>: no error.</summary>
    Ok = 0,

    /// <summary><c>VIR_ERR_INTERNAL_ERROR</c>: internal error (also raised when an RPC connection is closed).</summary>
    InternalError = 1,

    /// <summary><c>VIR_ERR_NO_MEMORY</c>: memory allocation failure.</summary>
    NoMemory = 2,

    /// <summary><c>VIR_ERR_NO_SUPPORT</c>: the driver does not support this function.</summary>
    NoSupport = 3,

    /// <summary><c>VIR_ERR_UNKNOWN_HOST</c>: could not resolve the hostname.</summary>
    UnknownHost = 4,

    /// <summary><c>VIR_ERR_NO_CONNECT</c>: no connection driver is available for the URI.</summary>
    NoConnect = 5,

    /// <summary><c>VIR_ERR_INVALID_CONN</c>: invalid connection object.</summary>
    InvalidConn = 6,

    /// <summary><c>VIR_ERR_INVALID_DOMAIN</c>: invalid domain object.</summary>
    InvalidDomain = 7,

    /// <summary><c>VIR_ERR_INVALID_ARG</c>: invalid function argument.</summary>
    InvalidArg = 8,

    /// <summary><c>VIR_ERR_OPERATION_FAILED</c>: a command to the hypervisor failed.</summary>
    OperationFailed = 9,

    /// <summary><c>VIR_ERR_XML_ERROR</c>: an XML description is not well formed or broken.</summary>
    XmlError = 27,

    /// <summary><c>VIR_ERR_DOM_EXIST</c>: the domain already exists.</summary>
    DomainExists = 28,

    /// <summary><c>VIR_ERR_OPERATION_DENIED</c>: operation forbidden on a read-only connection.</summary>
    OperationDenied = 29,

    /// <summary><c>VIR_ERR_XML_DETAIL</c>: detail of an XML error.</summary>
    XmlDetail = 35,

    /// <summary><c>VIR_ERR_SYSTEM_ERROR</c>: a system call or I/O failed (for example the socket or SSH transport).</summary>
    SystemError = 38,

    /// <summary><c>VIR_ERR_RPC</c>: an RPC error.</summary>
    Rpc = 39,

    /// <summary><c>VIR_ERR_GNUTLS_ERROR</c>: an error from the TLS layer.</summary>
    GnutlsError = 40,

    /// <summary><c>VIR_ERR_NO_DOMAIN</c>: the domain was not found.</summary>
    NoDomain = 42,

    /// <summary><c>VIR_ERR_AUTH_FAILED</c>: authentication failed.</summary>
    AuthFailed = 45,

    /// <summary><c>VIR_ERR_OPERATION_INVALID</c>: the operation is not valid in the object's current state.</summary>
    OperationInvalid = 55,

    /// <summary><c>VIR_ERR_CONFIG_UNSUPPORTED</c>: the configuration is not supported by the hypervisor.</summary>
    ConfigUnsupported = 67,

    /// <summary><c>VIR_ERR_OPERATION_TIMEOUT</c>: timed out while waiting for something (a lock, a job, the peer).</summary>
    OperationTimeout = 68,

    /// <summary><c>VIR_ERR_OPERATION_ABORTED</c>: the operation was aborted.</summary>
    OperationAborted = 78,

    /// <summary><c>VIR_ERR_AUTH_CANCELLED</c>: authentication was cancelled.</summary>
    AuthCancelled = 79,

    /// <summary><c>VIR_ERR_OPERATION_UNSUPPORTED</c>: the operation is not supported.</summary>
    OperationUnsupported = 84,

    /// <summary><c>VIR_ERR_SSH</c>: an error from the libssh2 transport.</summary>
    Ssh = 85,

    /// <summary><c>VIR_ERR_AGENT_UNRESPONSIVE</c>: the guest agent does not respond.</summary>
    AgentUnresponsive = 86,

    /// <summary><c>VIR_ERR_RESOURCE_BUSY</c>: the resource is in use.</summary>
    ResourceBusy = 87,

    /// <summary><c>VIR_ERR_ACCESS_DENIED</c>: denied by the access control policy.</summary>
    AccessDenied = 88,

    /// <summary><c>VIR_ERR_AUTH_UNAVAILABLE</c>: authentication is unavailable (for example no credentials callback).</summary>
    AuthUnavailable = 94,

    /// <summary><c>VIR_ERR_LIBSSH</c>: an error from the libssh transport.</summary>
    LibSsh = 98,
}
