using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>Leading fields of <c>struct _virError</c> (virterror.h); only read through a pointer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeError
{
    public int Code;
    public int Domain;
    public nint Message;
    public int Level;
}
