using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt.Domains;

/// <summary>
/// A reference to one libvirt domain (virtual machine), obtained from a <see cref="LibvirtConnection"/>.
/// </summary>
/// <remarks>
/// Methods block on libvirt (an RPC round trip on remote URIs); callers that must not block wrap them
/// in <see cref="Task.Run(Action)"/>. A domain may be used from several threads at once. It keeps its
/// native connection alive until disposed, even after the <see cref="LibvirtConnection"/> is disposed.
/// Every failure throws <see cref="LibvirtException"/>; using a disposed domain throws
/// <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class Domain : IDisposable
{
    private readonly DomainHandle _handle;
    private readonly Lock _rpc;

    /// <summary>Takes ownership of <paramref name="handle"/>, which must be valid and not yet shared.</summary>
    /// <param name="handle">The owned reference.</param>
    /// <param name="rpc">The connection's gate: round trips are serialized per connection (see <see cref="LibvirtConnection"/>).</param>
    internal Domain(DomainHandle handle, Lock rpc)
    {
        _handle = handle;
        _rpc = rpc;
        try
        {
            // Name and UUID live in the client-side domain object: reading them costs no round trip.
            var pointer = handle.DangerousGetHandle();
            Name = ReadName(pointer);
            UuidString = ReadUuid(pointer);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The native handle, checked so that use after dispose names this type.</summary>
    private DomainHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>The domain's name, as of when this reference was obtained.</summary>
    public string Name { get; }

    /// <summary>The domain's UUID in canonical string form (lower-case, with dashes).</summary>
    public string UuidString { get; }

    /// <summary>Whether the domain is running or paused (<c>virDomainIsActive</c>).</summary>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public bool IsActive => Serialized(() => LibvirtNative.virDomainIsActive(Handle), nameof(LibvirtNative.virDomainIsActive)) == 1;

    /// <summary>Reads the domain's state and the reason for it (<c>virDomainGetState</c>).</summary>
    /// <returns>The state and libvirt's reason code.</returns>
    /// <exception cref="LibvirtException">The call failed (for example the domain no longer exists).</exception>
    public DomainStateInfo GetState()
    {
        int state, reason;
        lock (_rpc)
        {
            Call(LibvirtNative.virDomainGetState(Handle, out state, out reason, 0), nameof(LibvirtNative.virDomainGetState));
        }
        return new DomainStateInfo((DomainState)state, reason);
    }

    /// <summary>Starts a defined, inactive domain (<c>virDomainCreate</c>).</summary>
    /// <exception cref="LibvirtException">The call failed (for example the domain is already running).</exception>
    public void Create() => Serialized(() => LibvirtNative.virDomainCreate(Handle), nameof(LibvirtNative.virDomainCreate));

    /// <summary>Stops the domain at once, like pulling the power plug (<c>virDomainDestroy</c>). A transient domain disappears.</summary>
    /// <exception cref="LibvirtException">The call failed (for example the domain is not running).</exception>
    public void Destroy() => Serialized(() => LibvirtNative.virDomainDestroy(Handle), nameof(LibvirtNative.virDomainDestroy));

    /// <summary>
    /// Asks the guest to shut down (<c>virDomainShutdown</c>); returns once the request is sent, not
    /// when the guest is off. Watch <see cref="GetState"/> or lifecycle events for the outcome.
    /// </summary>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public void Shutdown() => Serialized(() => LibvirtNative.virDomainShutdown(Handle), nameof(LibvirtNative.virDomainShutdown));

    /// <summary>
    /// Removes the domain's persistent definition (<c>virDomainUndefineFlags</c>). A running domain
    /// keeps running as a transient one.
    /// </summary>
    /// <param name="flags">What else to remove along with the definition.</param>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public void Undefine(DomainUndefineFlags flags = DomainUndefineFlags.None) =>
        Serialized(() => LibvirtNative.virDomainUndefineFlags(Handle, (uint)flags), nameof(LibvirtNative.virDomainUndefineFlags));

    /// <summary>
    /// Changes a device of the domain in place (<c>virDomainUpdateDeviceFlags</c>): for example a graphics device's
    /// password and its expiry, or a CD-ROM's medium. <paramref name="deviceXml"/> is the device's element as it
    /// should be; libvirt finds the device it matches and refuses changes it cannot make live.
    /// </summary>
    /// <param name="deviceXml">One device element (<c>&lt;graphics …/&gt;</c>, <c>&lt;disk …/&gt;</c>).</param>
    /// <param name="flags">Whether the running domain, its definition or both change.</param>
    /// <exception cref="LibvirtException">The change was refused or the call failed.</exception>
    public void UpdateDevice(string deviceXml, DomainDeviceModifyFlags flags = DomainDeviceModifyFlags.Live)
    {
        ArgumentNullException.ThrowIfNull(deviceXml);
        Serialized(() => LibvirtNative.virDomainUpdateDeviceFlags(Handle, deviceXml, (uint)flags), nameof(LibvirtNative.virDomainUpdateDeviceFlags));
    }

    /// <summary>Reads the domain's XML description (<c>virDomainGetXMLDesc</c>).</summary>
    /// <param name="flags">Which description to read.</param>
    /// <returns>The XML document.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public string GetXmlDesc(DomainXmlFlags flags = DomainXmlFlags.None)
    {
        lock (_rpc)
        {
            return NativeStrings.TakeOwned(LibvirtNative.virDomainGetXMLDesc(Handle, (uint)flags))
                ?? throw LastError.ToException(nameof(LibvirtNative.virDomainGetXMLDesc));
        }
    }

    /// <summary>Releases the native reference (<c>virDomainFree</c>); the domain itself is unaffected.</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({UuidString})";

    /// <summary>Reads the name of a domain pointer, owned or lent to a callback.</summary>
    internal static string ReadName(nint domain) =>
        NativeStrings.Borrow(LibvirtNative.virDomainGetName(domain))
            ?? throw LastError.ToException(nameof(LibvirtNative.virDomainGetName));

    /// <summary>Reads the UUID of a domain pointer, owned or lent to a callback.</summary>
    internal static unsafe string ReadUuid(nint domain)
    {
        var buffer = stackalloc byte[LibvirtNative.UuidStringBufferLength];
        LastError.Check(LibvirtNative.virDomainGetUUIDString(domain, buffer), nameof(LibvirtNative.virDomainGetUUIDString));
        return NativeStrings.FromFixedBuffer(buffer, LibvirtNative.UuidStringBufferLength);
    }

    private static int Call(int result, string operation) => LastError.Check(result, operation);

    private int Serialized(Func<int> call, string operation)
    {
        lock (_rpc)
        {
            return LastError.Check(call(), operation);
        }
    }
}
