namespace Hyperfleet.Libvirt.Errors;

/// <summary>
/// The one exception every libvirt failure becomes. It carries libvirt's error code, the part of
/// libvirt that raised it, its level and message, and whether retrying can help.
/// </summary>
public sealed class LibvirtException : Exception
{
    /// <summary>Creates an exception with no libvirt error attached (<see cref="LibvirtErrorCode.InternalError"/>).</summary>
    public LibvirtException()
        : this("libvirt call failed.")
    {
    }

    /// <summary>Creates an exception with a message and no libvirt error attached.</summary>
    /// <param name="message">The message.</param>
    public LibvirtException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception, and no libvirt error attached.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LibvirtException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = LibvirtErrorCode.InternalError;
        Level = LibvirtErrorLevel.Error;
    }

    /// <summary>Creates an exception from the parts of a libvirt error.</summary>
    /// <param name="code">Libvirt's error code (<c>virErrorNumber</c>).</param>
    /// <param name="domain">The part of libvirt that raised the error (<c>virErrorDomain</c>).</param>
    /// <param name="level">The error level.</param>
    /// <param name="message">Libvirt's human-readable message.</param>
    /// <param name="operation">The libvirt function that failed, if known.</param>
    public LibvirtException(
        LibvirtErrorCode code,
        LibvirtErrorDomain domain,
        LibvirtErrorLevel level,
        string message,
        string? operation = null)
        : base(message)
    {
        Code = code;
        Domain = domain;
        Level = level;
        Operation = operation;
    }

    /// <summary>Libvirt's error code; values not named in <see cref="LibvirtErrorCode"/> are kept numerically.</summary>
    public LibvirtErrorCode Code { get; }

    /// <summary>The part of libvirt that raised the error; values not named in the enum are kept numerically.</summary>
    public LibvirtErrorDomain Domain { get; }

    /// <summary>The error level.</summary>
    public LibvirtErrorLevel Level { get; }

    /// <summary>The libvirt function that failed (for example <c>virDomainLookupByName</c>), if known.</summary>
    public string? Operation { get; }

    /// <summary>
    /// Whether retrying (usually on a new connection) can help: true for transport, RPC and system
    /// errors, a closed connection and timeouts; false for errors that will repeat, such as a missing
    /// domain, an invalid argument or failed authentication.
    /// </summary>
    public bool IsTransient => IsTransientError(Code, Domain);

    /// <summary>Classifies an error code and domain as in <see cref="IsTransient"/>.</summary>
    /// <param name="code">Libvirt's error code.</param>
    /// <param name="domain">The part of libvirt that raised the error.</param>
    /// <returns>True when a retry can help.</returns>
    public static bool IsTransientError(LibvirtErrorCode code, LibvirtErrorDomain domain) => code switch
    {
        LibvirtErrorCode.SystemError
            or LibvirtErrorCode.Rpc
            or LibvirtErrorCode.OperationTimeout
            or LibvirtErrorCode.AgentUnresponsive
            or LibvirtErrorCode.ResourceBusy
            or LibvirtErrorCode.Ssh
            or LibvirtErrorCode.LibSsh => true,

        // The RPC layer reports a lost connection ("client socket is closed", "connection closed
        // due to keepalive timeout") as an internal error.
        LibvirtErrorCode.InternalError => domain is LibvirtErrorDomain.Rpc or LibvirtErrorDomain.Remote,
        _ => false,
    };
}
