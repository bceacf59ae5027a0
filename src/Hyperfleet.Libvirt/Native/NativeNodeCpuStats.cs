using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>Mirror of <c>struct _virNodeCPUStats</c>: a NUL-terminated field name and its value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeNodeCpuStats
{
    /// <summary><c>VIR_NODE_CPU_STATS_FIELD_LENGTH</c>.</summary>
    public const int FieldLength = 80;

    public fixed byte Field[FieldLength];
    public ulong Value;
}
