namespace Hyperfleet.Libvirt.Events;

/// <summary>Data of <see cref="LibvirtConnection.Closed"/>.</summary>
/// <param name="reason">Why libvirt closed the connection.</param>
public sealed class ConnectionClosedEventArgs(ConnectionCloseReason reason) : EventArgs
{
    /// <summary>Why libvirt closed the connection.</summary>
    public ConnectionCloseReason Reason { get; } = reason;
}
