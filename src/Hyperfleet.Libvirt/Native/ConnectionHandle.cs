using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>
/// An owned reference to a <c>virConnectPtr</c>, released with <c>virConnectClose</c>. Callbacks
/// registered on the connection are removed here first, because each registration holds a native
/// reference on the connection: closing without removing them would leak the connection (and, on
/// remote URIs, its socket), including when the handle is only reached by the finalizer.
/// </summary>
internal sealed class ConnectionHandle : SafeHandle
{
    private nint _closeCallback;
    private GCHandle _closeOpaque;
    private int _lifecycleCallbackId = -1;

    /// <summary>Used by the generated marshaller of <c>virConnectOpenAuth</c>.</summary>
    public ConnectionHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Records the close callback registered on this connection; released with the handle.</summary>
    internal void TrackCloseCallback(nint callback, GCHandle opaque)
    {
        _closeCallback = callback;
        _closeOpaque = opaque;
    }

    /// <summary>Records the lifecycle callback id; its opaque handle is freed by libvirt's free callback.</summary>
    internal void TrackLifecycleCallback(int callbackId) => _lifecycleCallbackId = callbackId;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        if (_lifecycleCallbackId >= 0)
        {
            _ = LibvirtNative.virConnectDomainEventDeregisterAny(handle, _lifecycleCallbackId);
            _lifecycleCallbackId = -1;
        }

        if (_closeCallback != 0)
        {
            // Fails harmlessly when libvirt already fired and dropped the callback (connection lost).
            // Unregistering waits for a callback in progress, so freeing the opaque handle afterwards is safe.
            _ = LibvirtNative.virConnectUnregisterCloseCallback(handle, _closeCallback);
            _closeCallback = 0;
            _closeOpaque.Free();
        }

        var result = LibvirtNative.virConnectClose(handle);
        LibvirtNative.virResetLastError();
        return result >= 0;
    }
}
