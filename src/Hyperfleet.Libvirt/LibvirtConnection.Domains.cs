using System.Runtime.InteropServices;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt;

public sealed partial class LibvirtConnection
{
    /// <summary>Defines (or updates) a persistent domain from XML, without starting it (<c>virDomainDefineXML</c>).</summary>
    /// <param name="xml">The domain XML.</param>
    /// <returns>The defined domain; dispose it when done.</returns>
    /// <exception cref="LibvirtException">The XML was refused or the call failed.</exception>
    public Domain DefineDomain(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        lock (_rpc)
        {
            return Wrap(LibvirtNative.virDomainDefineXML(Handle, xml), nameof(LibvirtNative.virDomainDefineXML));
        }
    }

    /// <summary>Creates and starts a transient domain from XML (<c>virDomainCreateXML</c>); it disappears when it stops.</summary>
    /// <param name="xml">The domain XML.</param>
    /// <param name="flags">Start options.</param>
    /// <returns>The running domain; dispose it when done.</returns>
    /// <exception cref="LibvirtException">The XML was refused, the domain exists or could not start.</exception>
    public Domain CreateDomain(string xml, DomainCreateFlags flags = DomainCreateFlags.None)
    {
        ArgumentNullException.ThrowIfNull(xml);
        lock (_rpc)
        {
            return Wrap(LibvirtNative.virDomainCreateXML(Handle, xml, (uint)flags), nameof(LibvirtNative.virDomainCreateXML));
        }
    }

    /// <summary>Finds a domain by name (<c>virDomainLookupByName</c>).</summary>
    /// <param name="name">The domain's name.</param>
    /// <returns>The domain; dispose it when done.</returns>
    /// <exception cref="LibvirtException">No such domain (<see cref="LibvirtErrorCode.NoDomain"/>) or the call failed.</exception>
    public Domain LookupDomainByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_rpc)
        {
            return Wrap(LibvirtNative.virDomainLookupByName(Handle, name), nameof(LibvirtNative.virDomainLookupByName));
        }
    }

    /// <summary>Finds a domain by UUID (<c>virDomainLookupByUUIDString</c>).</summary>
    /// <param name="uuid">The UUID in string form.</param>
    /// <returns>The domain; dispose it when done.</returns>
    /// <exception cref="LibvirtException">No such domain (<see cref="LibvirtErrorCode.NoDomain"/>), a malformed UUID, or the call failed.</exception>
    public Domain LookupDomainByUuid(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        lock (_rpc)
        {
            return Wrap(LibvirtNative.virDomainLookupByUUIDString(Handle, uuid), nameof(LibvirtNative.virDomainLookupByUUIDString));
        }
    }

    /// <summary>Finds a domain by UUID (<c>virDomainLookupByUUIDString</c>).</summary>
    /// <param name="uuid">The UUID.</param>
    /// <returns>The domain; dispose it when done.</returns>
    /// <exception cref="LibvirtException">No such domain (<see cref="LibvirtErrorCode.NoDomain"/>) or the call failed.</exception>
    public Domain LookupDomainByUuid(Guid uuid) => LookupDomainByUuid(uuid.ToString("D"));

    /// <summary>Lists domains, active and inactive, in one call (<c>virConnectListAllDomains</c>).</summary>
    /// <param name="flags">Filters; <see cref="ListAllDomainsFlags.None"/> lists every domain.</param>
    /// <returns>The domains; dispose each when done.</returns>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public unsafe IReadOnlyList<Domain> ListAllDomains(ListAllDomainsFlags flags = ListAllDomainsFlags.None)
    {
        int count;
        nint array;
        lock (_rpc)
        {
            count = LastError.Check(
                LibvirtNative.virConnectListAllDomains(Handle, out array, (uint)flags), nameof(LibvirtNative.virConnectListAllDomains));
        }
        var handles = new DomainHandle[count];
        try
        {
            // Own every reference before anything can throw, so that none leaks.
            for (var i = 0; i < count; i++)
            {
                handles[i] = new DomainHandle(((nint*)array)[i]);
            }
        }
        finally
        {
            NativeMemory.Free((void*)array);
        }

        var domains = new List<Domain>(count);
        try
        {
            foreach (var handle in handles)
            {
                domains.Add(new Domain(handle, _rpc));
            }
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }

            throw;
        }

        return domains;
    }

    private Domain Wrap(DomainHandle handle, string operation) => new(LastError.Check(handle, operation), _rpc);
}
