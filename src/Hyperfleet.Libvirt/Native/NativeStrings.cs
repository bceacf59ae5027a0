using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>Conversions of C strings returned by libvirt.</summary>
internal static class NativeStrings
{
    /// <summary>Copies a string the caller owns and frees it with <c>free</c>, as libvirt documents.</summary>
    public static unsafe string? TakeOwned(nint value)
    {
        if (value == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            // libvirt allocates with g_malloc, which is the system allocator: free() is the documented release.
            NativeMemory.Free((void*)value);
        }
    }

    /// <summary>Copies a string that stays owned by libvirt.</summary>
    public static string? Borrow(nint value) => value == 0 ? null : Marshal.PtrToStringUTF8(value);

    /// <summary>Reads a NUL-terminated string from a fixed-size buffer.</summary>
    public static unsafe string FromFixedBuffer(byte* buffer, int length)
    {
        var span = new ReadOnlySpan<byte>(buffer, length);
        var end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
