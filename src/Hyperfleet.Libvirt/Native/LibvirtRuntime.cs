using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hyperfleet.Libvirt.Native;

/// <summary>Process-wide libvirt setup done once, before the first connection.</summary>
internal static class LibvirtRuntime
{
    private static int s_initialized;

    /// <summary>
    /// Installs a no-op error handler: without one libvirt prints every error to stderr, including
    /// those this binding turns into exceptions and those raised on the event-loop thread.
    /// </summary>
    public static unsafe void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            LibvirtNative.virSetErrorFunc(0, (nint)(delegate* unmanaged[Cdecl]<nint, nint, void>)&IgnoreError);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(nint userData, nint error)
    {
        // Errors are read with virGetLastError right after the failing call; nothing to do here.
    }
}
