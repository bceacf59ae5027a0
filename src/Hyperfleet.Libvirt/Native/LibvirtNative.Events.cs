using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

internal static partial class LibvirtNative
{
    [LibraryImport(Library)]
    internal static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Library)]
    internal static partial int virEventRunDefaultImpl();

    [LibraryImport(Library)]
    internal static partial int virConnectDomainEventRegisterAny(
        ConnectionHandle conn, nint domain, int eventId, nint cb, nint opaque, nint freecb);

    /// <summary>Raw-pointer form: called from <see cref="ConnectionHandle.ReleaseHandle"/>.</summary>
    [LibraryImport(Library)]
    internal static partial int virConnectDomainEventDeregisterAny(nint conn, int callbackId);
}
