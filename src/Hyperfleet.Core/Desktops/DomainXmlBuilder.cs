using System.Globalization;
using System.Xml.Linq;

namespace Hyperfleet.Core.Desktops;

/// <summary>
/// Writes a desktop's libvirt domain XML. Built with <see cref="XElement"/>, so every value (names, paths) is
/// escaped; nothing is spliced into markup by hand.
/// </summary>
public static class DomainXmlBuilder
{
    /// <summary>Largest guest memory accepted (1 TiB).</summary>
    public const int MaxMemoryMib = 1024 * 1024;

    /// <summary>Most virtual CPUs accepted.</summary>
    public const int MaxVcpus = 256;

    /// <summary>The domain XML for <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">Empty id or disk path, memory or vcpus out of range, ports outside 5900–7899.</exception>
    public static string Build(DomainSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(spec.DesktopId, nameof(spec));
        ArgumentException.ThrowIfNullOrEmpty(spec.DiskPath, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.MemoryMib, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.MemoryMib, MaxMemoryMib, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.Vcpus, nameof(spec));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.Vcpus, MaxVcpus, nameof(spec));
        CheckPort(spec.Ports.Vnc);
        CheckPort(spec.Ports.Spice);
        if (spec.Ports.Vnc == spec.Ports.Spice)
        {
            throw new ArgumentException("VNC and SPICE need different ports.", nameof(spec));
        }

        var domain = new XElement("domain", new XAttribute("type", spec.Kvm ? "kvm" : "qemu"),
            new XElement("name", DesktopDomainNames.NameOf(spec.DesktopId)),
            new XElement("uuid", DesktopDomainNames.UuidOf(spec.DesktopId).ToString("D")),
            spec.Title is { Length: > 0 } title ? new XElement("title", title) : null,
            new XElement("memory", new XAttribute("unit", "MiB"), Number(spec.MemoryMib)),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), Number(spec.MemoryMib)),
            new XElement("vcpu", new XAttribute("placement", "static"), Number(spec.Vcpus)),
            new XElement("os",
                new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "pc"), "hvm"),
                new XElement("boot", new XAttribute("dev", "hd"))),
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            new XElement("clock", new XAttribute("offset", "utc")),
            // A guest that powers itself off is gone (transient domain): the desktop is Stopped, not a leftover definition.
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            new XElement("devices",
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2"), new XAttribute("cache", "none")),
                    new XElement("source", new XAttribute("file", spec.DiskPath)),
                    new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))),
                spec.Overlay is { } nic ? Interface(nic) : null,
                spec.Vlan is { } vlan ? Interface(vlan) : null,
                Graphics("vnc", spec.Ports.Vnc, spec.ListenAddress, spec.Lock?.Vnc),
                Graphics("spice", spec.Ports.Spice, spec.ListenAddress, spec.Lock?.Spice),
                new XElement("video", new XElement("model", new XAttribute("type", "qxl"))),
                new XElement("input", new XAttribute("type", "tablet"), new XAttribute("bus", "usb")),
                new XElement("memballoon", new XAttribute("model", "virtio"))));
        return domain.ToString();
    }

    // An expired password from the start (passwdValidTo in the past): the display has password authentication, and
    // no password opens it until a viewer ticket sets a fresh one.
    private const string LongAgo = "2000-01-01T00:00:00";

    // libvirt adds the tap to the Open vSwitch bridge itself (and removes it when the domain goes): the desktop's port
    // follows its lifecycle with nothing else to track.
    private static XElement Interface(OverlayNic nic) =>
        new("interface", new XAttribute("type", "bridge"),
            new XElement("mac", new XAttribute("address", nic.Mac)),
            new XElement("source", new XAttribute("bridge", nic.Bridge)),
            new XElement("virtualport", new XAttribute("type", "openvswitch")),
            new XElement("model", new XAttribute("type", "virtio")),
            new XElement("mtu", new XAttribute("size", Number(nic.Mtu))));

    private static XElement Interface(VlanNic nic) =>
        new("interface", new XAttribute("type", "bridge"),
            new XElement("mac", new XAttribute("address", nic.Mac)),
            new XElement("source", new XAttribute("bridge", nic.Bridge)),
            new XElement("vlan", new XElement("tag", new XAttribute("id", Number(nic.Id)))),
            new XElement("virtualport", new XAttribute("type", "openvswitch")),
            new XElement("model", new XAttribute("type", "virtio")));

    private static XElement Graphics(string type, int port, string listen, string? password) =>
        new("graphics", new XAttribute("type", type), new XAttribute("port", Number(port)), new XAttribute("autoport", "no"),
            new XAttribute("listen", listen),
            password is null ? null : new XAttribute("passwd", password),
            password is null ? null : new XAttribute("passwdValidTo", LongAgo),
            new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", listen)));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CheckPort(int port)
    {
        if (port is < GraphicsPortAllocator.First or > GraphicsPortAllocator.Last)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port,
                $"Viewer ports must be in {GraphicsPortAllocator.First}–{GraphicsPortAllocator.Last}.");
        }
    }
}
