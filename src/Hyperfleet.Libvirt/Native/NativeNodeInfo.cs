using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>Mirror of <c>struct _virNodeInfo</c> (libvirt-host.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeNodeInfo
{
    public fixed byte Model[32];
    public CULong Memory;
    public uint Cpus;
    public uint Mhz;
    public uint Nodes;
    public uint Sockets;
    public uint Cores;
    public uint Threads;
}
