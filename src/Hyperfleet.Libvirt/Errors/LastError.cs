using System.Runtime.InteropServices;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt.Errors;

/// <summary>
/// Turns libvirt's thread-local last error into a <see cref="LibvirtException"/>. It must be read on
/// the thread that made the failing call, before any other libvirt call on that thread.
/// </summary>
internal static class LastError
{
    /// <summary>Builds the exception for the call that just failed on this thread and clears the error.</summary>
    public static LibvirtException ToException(string operation)
    {
        var pointer = LibvirtNative.virGetLastError();
        if (pointer == 0)
        {
            return new LibvirtException(
                LibvirtErrorCode.InternalError,
                LibvirtErrorDomain.None,
                LibvirtErrorLevel.Error,
                $"{operation} failed without reporting an error.",
                operation);
        }

        var error = Marshal.PtrToStructure<NativeError>(pointer);
        var message = NativeStrings.Borrow(error.Message) ?? $"{operation} failed (code {error.Code}).";
        LibvirtNative.virResetLastError();
        return new LibvirtException(
            (LibvirtErrorCode)error.Code,
            (LibvirtErrorDomain)error.Domain,
            (LibvirtErrorLevel)error.Level,
            message,
            operation);
    }

    /// <summary>Whether a libvirt error is pending on this thread (for calls whose return value is ambiguous).</summary>
    public static bool IsSet() => LibvirtNative.virGetLastError() != 0;

    /// <summary>Throws for a negative return code.</summary>
    public static int Check(int result, string operation) =>
        result < 0 ? throw ToException(operation) : result;

    /// <summary>Throws when a function returning a handle returned NULL; otherwise returns the handle.</summary>
    public static T Check<T>(T handle, string operation)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var exception = ToException(operation);
        handle.Dispose();
        throw exception;
    }
}
