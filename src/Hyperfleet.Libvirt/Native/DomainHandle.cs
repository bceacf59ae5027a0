using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>An owned reference to a <c>virDomainPtr</c>, released with <c>virDomainFree</c>.</summary>
internal sealed class DomainHandle : SafeHandle
{
    /// <summary>Used by the generated marshallers for functions that return a domain.</summary>
    public DomainHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a reference returned in an array (<c>virConnectListAllDomains</c>).</summary>
    public DomainHandle(nint existing)
        : base(0, ownsHandle: true) => SetHandle(existing);

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) == 0;
}
