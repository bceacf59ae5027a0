using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

internal static partial class LibvirtNative
{
    /// <summary>Returns a borrowed pointer to this thread's last error, or zero.</summary>
    [LibraryImport(Library)]
    internal static partial nint virGetLastError();

    [LibraryImport(Library)]
    internal static partial void virResetLastError();

    [LibraryImport(Library)]
    internal static partial void virSetErrorFunc(nint userData, nint handler);
}
