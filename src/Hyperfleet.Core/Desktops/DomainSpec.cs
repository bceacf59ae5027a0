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
public sealed record DomainSpec(
    string DesktopId,
    int MemoryMib,
    int Vcpus,
    bool Kvm,
    string DiskPath,
    GraphicsPorts Ports,
    string ListenAddress,
    string? Title = null,
    DisplayLock? Lock = null);

/// <summary>
/// The passwords a desktop's displays start with: random, never told to anyone, and expired from the start. QEMU can
/// change a display's password later (each viewer ticket's fresh one) only if the display had password authentication
/// from its start; until a viewer asks, nobody can open it.
/// </summary>
/// <param name="Vnc">VNC password (8 characters).</param>
/// <param name="Spice">SPICE password.</param>
public sealed record DisplayLock(string Vnc, string Spice);
