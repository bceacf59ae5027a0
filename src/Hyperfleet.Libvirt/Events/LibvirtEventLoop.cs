using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt.Events;

/// <summary>
/// The process-wide libvirt event loop: registers libvirt's default event implementation once and
/// runs it on one dedicated background thread for the life of the process. Keepalive, close callbacks
/// and domain events only work on connections opened after the loop is registered;
/// <see cref="LibvirtConnection.Open"/> therefore starts it before opening.
/// </summary>
/// <remarks>
/// Every connection's callbacks and keepalive run on this single thread: a handler that blocks it
/// delays events and keepalive replies for all connections, and can make healthy peers time out.
/// </remarks>
public static class LibvirtEventLoop
{
    private static readonly Lock s_gate = new();
    private static Thread? s_thread;

    /// <summary>
    /// Raised (on the event-loop thread) when an event handler throws, or when a loop iteration fails.
    /// The exception never propagates into libvirt. Handlers of this event must not throw.
    /// </summary>
    public static event EventHandler<CallbackFailedEventArgs>? CallbackFailed;

    /// <summary>Whether the loop has been registered and its thread started.</summary>
    public static bool IsRunning => Volatile.Read(ref s_thread) is not null;

    /// <summary>Registers the default event implementation and starts the loop thread; later calls do nothing.</summary>
    /// <exception cref="LibvirtException">Libvirt refused to register its event implementation.</exception>
    public static void EnsureStarted()
    {
        if (IsRunning)
        {
            return;
        }

        lock (s_gate)
        {
            if (s_thread is not null)
            {
                return;
            }

            LibvirtRuntime.EnsureInitialized();
            LastError.Check(LibvirtNative.virEventRegisterDefaultImpl(), nameof(LibvirtNative.virEventRegisterDefaultImpl));
            var thread = new Thread(Run) { IsBackground = true, Name = "libvirt-event-loop" };
            thread.Start();
            Volatile.Write(ref s_thread, thread);
        }
    }

    /// <summary>Whether the calling thread is the event-loop thread.</summary>
    public static bool IsEventLoopThread => Thread.CurrentThread == Volatile.Read(ref s_thread);

    /// <summary>Reports an exception caught at the native boundary; never throws.</summary>
    internal static void ReportCallbackFailure(Exception exception)
    {
        try
        {
            CallbackFailed?.Invoke(null, new CallbackFailedEventArgs(exception));
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Run()
    {
        while (true)
        {
            if (LibvirtNative.virEventRunDefaultImpl() < 0)
            {
                ReportCallbackFailure(LastError.ToException(nameof(LibvirtNative.virEventRunDefaultImpl)));

                // An iteration failing repeatedly must not spin a core.
                Thread.Sleep(100);
            }
        }
    }
}
