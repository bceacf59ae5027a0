namespace Hyperfleet.Libvirt.Events;

/// <summary>An exception thrown by an event handler, or by the event loop, that was kept from reaching native code.</summary>
/// <param name="exception">The exception that was caught.</param>
public sealed class CallbackFailedEventArgs(Exception exception) : EventArgs
{
    /// <summary>The exception that was caught.</summary>
    public Exception Exception { get; } = exception;
}
