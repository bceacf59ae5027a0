namespace Hyperfleet.Core.Desktops;

/// <summary>Everything the domain XML of one desktop start depends on.</summary>
/// <param name="DesktopId">The desktop; names the domain (<c>hf-&lt;id&gt;</c>) and derives its UUID.</param>
/// <param name="MemoryMib">Guest memory in MiB.</param>
/// <param name="Vcpus">Virtual CPUs.</param>
/// <param name="Kvm">KVM acceleration (<c>type='kvm'</c>); false runs under TCG emulation (<c>type='qemu'</c>).</param>
/// <param name="DiskPath">The desktop's qcow2 overlay, on the shared storage.</param>
/// <param name="Ports">VNC and SPICE ports.</param>
/// <param name="ListenAddress">Where the graphics listen (see <see cref="GraphicsListen"/>).</param>
/// <param name="Title">Shown by <c>virsh list --title</c>: the desktop's name for operators.</param>
/// <param name="Lock">The displays' starting passwords.</param>
/// <param name="Overlay">The desktop's NIC on the overlay, when its host is on it.</param>
/// <param name="Vlan">The desktop's NIC on its VLAN network, if it has one.</param>
public sealed record DomainSpec(
    string DesktopId,
    int MemoryMib,
    int Vcpus,
    bool Kvm,
    string DiskPath,
    GraphicsPorts Ports,
    string ListenAddress,
    string? Title = null,
    DisplayLock? Lock = null,
    OverlayNic? Overlay = null,
    VlanNic? Vlan = null);

/// <summary>
/// A desktop's NIC on a VLAN of its host's trunk: an access port (tag = the VLAN) of the Open vSwitch bridge the trunk is
/// an uplink of, so the desktop sits on that VLAN of the physical network.
/// </summary>
/// <param name="Bridge">The trunk's bridge (<c>br-trunk</c>).</param>
/// <param name="Id">The VLAN id.</param>
/// <param name="Mac">The NIC's MAC address, stable for the desktop.</param>
public sealed record VlanNic(string Bridge, int Id, string Mac);

/// <summary>
/// A desktop's NIC on the overlay: a port of its host's Open vSwitch bridge, so desktops on different hypervisors share
/// one L2 network through the VPN node. Its MTU is the overlay's (the tunnels' overhead taken off), set on the NIC so a
/// frame too big is refused in the guest, never dropped silently in a tunnel.
/// </summary>
/// <param name="Bridge">The host's overlay bridge (<c>ovsbr0</c>).</param>
/// <param name="Mtu">The overlay's MTU.</param>
/// <param name="Mac">The NIC's MAC address, stable for the desktop.</param>
public sealed record OverlayNic(string Bridge, int Mtu, string Mac)
{
    /// <summary>A locally administered MAC (QEMU's 52:54:00 prefix) derived from the desktop's id: the same on every start.</summary>
    public static string MacFor(string desktopId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(desktopId));
        return $"52:54:00:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}";
    }
}

/// <summary>
/// The passwords a desktop's displays start with: random, never told to anyone, and expired from the start. QEMU can
/// change a display's password later (each viewer ticket's fresh one) only if the display had password authentication
/// from its start; until a viewer asks, nobody can open it.
/// </summary>
/// <param name="Vnc">VNC password (8 characters).</param>
/// <param name="Spice">SPICE password.</param>
public sealed record DisplayLock(string Vnc, string Spice);
