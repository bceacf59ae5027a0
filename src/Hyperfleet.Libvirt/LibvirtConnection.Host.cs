using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt;

public sealed partial class LibvirtConnection
{
    /// <summary>Reads the host's processor and memory summary (<c>virNodeGetInfo</c>).</summary>
    /// <returns>The summary.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public unsafe NodeInfo GetNodeInfo()
    {
        lock (_rpc)
        {
            LastError.Check(LibvirtNative.virNodeGetInfo(Handle, out var info), nameof(LibvirtNative.virNodeGetInfo));
            return new NodeInfo(
                NativeStrings.FromFixedBuffer(info.Model, 32),
                (long)info.Memory.Value,
                (int)info.Cpus,
                (int)info.Mhz,
                (int)info.Nodes,
                (int)info.Sockets,
                (int)info.Cores,
                (int)info.Threads);
        }
    }

    /// <summary>Reads the host's free memory in bytes (<c>virNodeGetFreeMemory</c>).</summary>
    /// <returns>Free memory, in bytes.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public long GetFreeMemoryBytes()
    {
        lock (_rpc)
        {
            var free = LibvirtNative.virNodeGetFreeMemory(Handle);

            // 0 is both "nothing free" and the error value; libvirt clears the last error on entry.
            if (free == 0 && LastError.IsSet())
            {
                throw LastError.ToException(nameof(LibvirtNative.virNodeGetFreeMemory));
            }

            return (long)free;
        }
    }

    /// <summary>
    /// Reads cumulative kernel, user, idle and I/O-wait time over all CPUs (<c>virNodeGetCPUStats</c>).
    /// Two samples give a CPU percentage through <see cref="NodeCpuTimes.UsagePercentSince"/>.
    /// </summary>
    /// <returns>The counters; a counter the host does not report is 0.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public unsafe NodeCpuTimes GetCpuTimes()
    {
        lock (_rpc)
        {
            const string operation = nameof(LibvirtNative.virNodeGetCPUStats);
            var count = 0;
            LastError.Check(LibvirtNative.virNodeGetCPUStats(Handle, LibvirtNative.NodeCpuStatsAllCpus, null, ref count, 0), operation);
            if (count <= 0)
            {
                return default;
            }

            var stats = new NativeNodeCpuStats[count];
            fixed (NativeNodeCpuStats* buffer = stats)
            {
                LastError.Check(LibvirtNative.virNodeGetCPUStats(Handle, LibvirtNative.NodeCpuStatsAllCpus, buffer, ref count, 0), operation);
                long kernel = 0, user = 0, idle = 0, iowait = 0;
                for (var i = 0; i < Math.Min(count, stats.Length); i++)
                {
                    var value = (long)buffer[i].Value;
                    switch (NativeStrings.FromFixedBuffer(buffer[i].Field, NativeNodeCpuStats.FieldLength))
                    {
                        case "kernel": kernel = value; break;
                        case "user": user = value; break;
                        case "idle": idle = value; break;
                        case "iowait": iowait = value; break;
                    }
                }

                return new NodeCpuTimes(kernel, user, idle, iowait);
            }
        }
    }

    /// <summary>Reads the version of the libvirt library serving the connection (<c>virConnectGetLibVersion</c>; the daemon's, for remote URIs).</summary>
    /// <returns>The version, as major.minor.release.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public Version GetLibVersion()
    {
        lock (_rpc)
        {
            LastError.Check(LibvirtNative.virConnectGetLibVersion(Handle, out var version), nameof(LibvirtNative.virConnectGetLibVersion));
            return LibvirtVersion.Decode(version.Value);
        }
    }

    /// <summary>Reads the hypervisor's version (<c>virConnectGetVersion</c>; QEMU's version for <c>qemu://</c>). 0.0.0 when the driver cannot tell.</summary>
    /// <returns>The version, as major.minor.release.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public Version GetHypervisorVersion()
    {
        lock (_rpc)
        {
            LastError.Check(LibvirtNative.virConnectGetVersion(Handle, out var version), nameof(LibvirtNative.virConnectGetVersion));
            return LibvirtVersion.Decode(version.Value);
        }
    }

    /// <summary>Reads the driver's capabilities XML (<c>virConnectGetCapabilities</c>): host CPU, NUMA, guest types.</summary>
    /// <returns>The XML document.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public string GetCapabilitiesXml()
    {
        lock (_rpc)
        {
            return NativeStrings.TakeOwned(LibvirtNative.virConnectGetCapabilities(Handle))
                ?? throw LastError.ToException(nameof(LibvirtNative.virConnectGetCapabilities));
        }
    }

    /// <summary>Reads the host's name as the hypervisor host sees it (<c>virConnectGetHostname</c>).</summary>
    /// <returns>The hostname.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public string GetHostname()
    {
        lock (_rpc)
        {
            return NativeStrings.TakeOwned(LibvirtNative.virConnectGetHostname(Handle))
                ?? throw LastError.ToException(nameof(LibvirtNative.virConnectGetHostname));
        }
    }
}
