namespace Hyperfleet.Libvirt.Native;

/// <summary>
/// P/Invoke declarations for libvirt.so.0, split by concern into partial files. Strings going in are
/// UTF-8; strings coming out are returned as raw pointers because libvirt mixes owned (caller must
/// free) and borrowed results, which <see cref="NativeStrings"/> handles explicitly.
/// </summary>
internal static partial class LibvirtNative
{
    internal const string Library = "libvirt.so.0";

    /// <summary><c>VIR_CONNECT_RO</c>.</summary>
    internal const uint ConnectReadOnly = 1;

    /// <summary><c>VIR_NODE_CPU_STATS_ALL_CPUS</c>.</summary>
    internal const int NodeCpuStatsAllCpus = -1;

    /// <summary><c>VIR_DOMAIN_EVENT_ID_LIFECYCLE</c>.</summary>
    internal const int DomainEventIdLifecycle = 0;

    /// <summary><c>VIR_UUID_STRING_BUFLEN</c> (36 characters and the terminating NUL).</summary>
    internal const int UuidStringBufferLength = 37;
}
