using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

internal static partial class LibvirtNative
{
    [LibraryImport(Library)]
    internal static partial int virNodeGetInfo(ConnectionHandle conn, out NativeNodeInfo info);

    /// <summary>Returns 0 both on error and when no memory is free: check the last error.</summary>
    [LibraryImport(Library)]
    internal static partial ulong virNodeGetFreeMemory(ConnectionHandle conn);

    [LibraryImport(Library)]
    internal static unsafe partial int virNodeGetCPUStats(
        ConnectionHandle conn, int cpuNum, NativeNodeCpuStats* parameters, ref int nparams, uint flags);
}
