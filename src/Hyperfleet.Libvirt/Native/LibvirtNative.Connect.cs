using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

internal static partial class LibvirtNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ConnectionHandle virConnectOpenAuth(string name, nint auth, uint flags);

    [LibraryImport(Library)]
    internal static partial int virConnectClose(nint conn);

    [LibraryImport(Library)]
    internal static partial int virConnectSetKeepAlive(ConnectionHandle conn, int interval, uint count);

    [LibraryImport(Library)]
    internal static partial int virConnectIsAlive(ConnectionHandle conn);

    [LibraryImport(Library)]
    internal static partial int virConnectGetLibVersion(ConnectionHandle conn, out CULong libVer);

    [LibraryImport(Library)]
    internal static partial int virConnectGetVersion(ConnectionHandle conn, out CULong hvVer);

    /// <summary>Returns an owned string (free with <c>free</c>).</summary>
    [LibraryImport(Library)]
    internal static partial nint virConnectGetCapabilities(ConnectionHandle conn);

    /// <summary>Returns an owned string (free with <c>free</c>).</summary>
    [LibraryImport(Library)]
    internal static partial nint virConnectGetHostname(ConnectionHandle conn);

    [LibraryImport(Library)]
    internal static partial int virConnectRegisterCloseCallback(ConnectionHandle conn, nint cb, nint opaque, nint freecb);

    /// <summary>Raw-pointer form: called from <see cref="ConnectionHandle.ReleaseHandle"/>.</summary>
    [LibraryImport(Library)]
    internal static partial int virConnectUnregisterCloseCallback(nint conn, nint cb);
}
