namespace Hyperfleet.Contracts.Desktops;

/// <summary>Stable <c>code</c> values of the desktop routes' problems, besides the common ones of <c>ProblemCodes</c>.</summary>
public static class DesktopProblemCodes
{
    /// <summary>The template exists but its disk is not <c>Ready</c> (still creating, or failed).</summary>
    public const string TemplateNotReady = "template_not_ready";

    /// <summary>The desktop's status does not allow the operation (e.g. start while <c>Started</c>, delete while running); <c>status</c> says which it is.</summary>
    public const string DesktopWrongStatus = "desktop_wrong_status";

    /// <summary>No hypervisor can take the desktop now; <c>detail</c> explains and <c>refusals</c> lists each host's reason.</summary>
    public const string NoHypervisor = "no_hypervisor";

    /// <summary>The hypervisor has no free viewer port pair left (5900–7899).</summary>
    public const string NoViewerPorts = "no_viewer_ports";

    /// <summary>The engine holds no live connection to the desktop's hypervisor (it is not Online here), so nothing can be done there now.</summary>
    public const string HypervisorNotConnected = "hypervisor_not_connected";
}
