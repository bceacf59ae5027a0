namespace Hyperfleet.Libvirt.Events;

/// <summary>Why libvirt closed a connection (<c>virConnectCloseReason</c>).</summary>
public enum ConnectionCloseReason
{
    /// <summary><c>VIR_CONNECT_CLOSE_REASON_ERROR</c>: a misc I/O error.</summary>
    Error = 0,

    /// <summary><c>VIR_CONNECT_CLOSE_REASON_EOF</c>: end of file from the peer (daemon stopped, transport died).</summary>
    Eof = 1,

    /// <summary><c>VIR_CONNECT_CLOSE_REASON_KEEPALIVE</c>: the peer stopped answering keepalive probes.</summary>
    KeepAlive = 2,

    /// <summary><c>VIR_CONNECT_CLOSE_REASON_CLIENT</c>: the client closed the connection.</summary>
    Client = 3,
}
