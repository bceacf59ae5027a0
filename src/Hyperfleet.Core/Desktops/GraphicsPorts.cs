namespace Hyperfleet.Core.Desktops;

/// <summary>The VNC and SPICE ports a desktop's graphics listen on, on its hypervisor.</summary>
/// <param name="Vnc">VNC port.</param>
/// <param name="Spice">SPICE port.</param>
public readonly record struct GraphicsPorts(int Vnc, int Spice);
