using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Events;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt;

public sealed partial class LibvirtConnection
{
    private readonly Lock _eventGate = new();
    private bool _disposed;
    private bool _lifecycleRegistered;
    private volatile EventHandler<DomainLifecycleEventArgs>? _lifecycle;
    private int _closeReason = -1;

    /// <summary>
    /// Raised once when libvirt closes the connection on its own: the peer went away, keepalive timed
    /// out, or an I/O error (<c>virConnectRegisterCloseCallback</c>). Not raised by <see cref="Dispose"/>.
    /// Local drivers such as <c>test://</c> never raise it. Handlers run on a thread-pool thread, so
    /// they may dispose this connection and open a new one.
    /// </summary>
    public event EventHandler<ConnectionClosedEventArgs>? Closed;

    /// <summary>
    /// Domain lifecycle events (<c>virConnectDomainEventRegisterAny</c> with
    /// <c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c>), for every domain of the connection. The native
    /// registration is made on the first subscription (which may therefore throw
    /// <see cref="LibvirtException"/>) and removed on <see cref="Dispose"/>.
    /// </summary>
    /// <remarks>
    /// Handlers run in order on the <see cref="LibvirtEventLoop"/> thread, shared by all connections:
    /// they must return quickly (hand work to a queue) and must not dispose this connection. An
    /// exception from a handler is reported through <see cref="LibvirtEventLoop.CallbackFailed"/>.
    /// </remarks>
    public event EventHandler<DomainLifecycleEventArgs>? DomainLifecycle
    {
        add
        {
            lock (_eventGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_lifecycleRegistered)
                {
                    RegisterLifecycleCallback();
                    _lifecycleRegistered = true;
                }

                _lifecycle += value;
            }
        }

        remove
        {
            lock (_eventGate)
            {
                _lifecycle -= value;
            }
        }
    }

    /// <summary>Why libvirt closed the connection, once <see cref="Closed"/> has been raised; otherwise null.</summary>
    public ConnectionCloseReason? CloseReason =>
        Volatile.Read(ref _closeReason) is var reason and >= 0 ? (ConnectionCloseReason)reason : null;

    private unsafe void RegisterCloseCallback()
    {
        // The opaque handle is weak: a registration must not keep an abandoned connection reachable,
        // or its handle would never be finalized and closed. Libvirt allows one close callback per
        // connection; no free callback is passed because local drivers accept the registration
        // without ever calling it, so the handle owns the opaque pointer instead.
        var callback = (nint)(delegate* unmanaged[Cdecl]<nint, int, nint, void>)&OnNativeClose;
        var opaque = GCHandle.Alloc(this, GCHandleType.Weak);
        if (LibvirtNative.virConnectRegisterCloseCallback(_handle, callback, GCHandle.ToIntPtr(opaque), 0) < 0)
        {
            var error = LastError.ToException(nameof(LibvirtNative.virConnectRegisterCloseCallback));
            opaque.Free();
            throw error;
        }

        _handle.TrackCloseCallback(callback, opaque);
    }

    private unsafe void RegisterLifecycleCallback()
    {
        var callback = (nint)(delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, int>)&OnNativeLifecycle;
        var free = (nint)(delegate* unmanaged[Cdecl]<nint, void>)&OnNativeFreeOpaque;
        var opaque = GCHandle.Alloc(this, GCHandleType.Weak);
        int id;
        lock (_rpc)
        {
            id = LibvirtNative.virConnectDomainEventRegisterAny(
                _handle, 0, LibvirtNative.DomainEventIdLifecycle, callback, GCHandle.ToIntPtr(opaque), free);
        }
        if (id < 0)
        {
            // A failed registration does not call the free callback.
            var error = LastError.ToException(nameof(LibvirtNative.virConnectDomainEventRegisterAny));
            opaque.Free();
            throw error;
        }

        _handle.TrackLifecycleCallback(id);
    }

    private void OnClosed(ConnectionCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) != -1)
        {
            return;
        }

        // Off the event-loop thread: libvirt holds a lock on the connection's close state while the
        // callback runs, so a handler disposing the connection there would deadlock.
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => Raise(state.Connection.Closed, state.Connection, new ConnectionClosedEventArgs(state.Reason)),
            (Connection: this, Reason: reason),
            preferLocal: false);
    }

    private static void Raise<T>(EventHandler<T>? handlers, LibvirtConnection sender, T args)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<T>)handler)(sender, args);
            }
#pragma warning disable CA1031 // One failing handler must not starve the others or reach native code.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LibvirtEventLoop.ReportCallbackFailure(exception);
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNativeClose(nint conn, int reason, nint opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is LibvirtConnection connection)
            {
                connection.OnClosed((ConnectionCloseReason)reason);
            }
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LibvirtEventLoop.ReportCallbackFailure(exception);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnNativeLifecycle(nint conn, nint domain, int eventType, int detail, nint opaque)
    {
        try
        {
            // The domain pointer is lent for the duration of the callback: read it now, never free it.
            if (GCHandle.FromIntPtr(opaque).Target is LibvirtConnection { _lifecycle: { } handlers } connection)
            {
                var args = new DomainLifecycleEventArgs(
                    (DomainLifecycleEventType)eventType, detail, Domain.ReadName(domain), Domain.ReadUuid(domain));
                Raise(handlers, connection, args);
            }
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LibvirtEventLoop.ReportCallbackFailure(exception);
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNativeFreeOpaque(nint opaque)
    {
        // Called by libvirt once the lifecycle registration is gone and no callback is running.
        GCHandle.FromIntPtr(opaque).Free();
    }
}
