namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>Body of <c>POST /api/v1/hypervisors</c>. Omitted members take the defaults of the data model.</summary>
/// <param name="Id">Slug: lower-case letters, digits and dashes, 1–63 characters, starting with a letter or digit.</param>
/// <param name="Hostname">DNS name or IP the control plane reaches it at; never loopback or link-local.</param>
/// <param name="Description">Free text.</param>
/// <param name="SshPort">SSH port (default 2022).</param>
/// <param name="SshUser">SSH user (default root).</param>
/// <param name="Capabilities">What it is used for (default: both).</param>
/// <param name="Flavour"><c>hypervisor</c> (default) or <c>hypervisor-standalone</c>.</param>
/// <param name="VpnTunnelingMode"><c>wireguard+geneve</c> (default) or <c>geneve</c>.</param>
/// <param name="Viewer">Viewer hosts and ports.</param>
/// <param name="OnlyForced">Takes only forced desktops (default false).</param>
/// <param name="MinFreeMemMib">Memory reserve in MiB (default 0).</param>
/// <param name="InfrastructureMtu">Infrastructure MTU (default 1500).</param>
public sealed record AddHypervisorRequest(
    string? Id,
    string? Hostname,
    string? Description = null,
    int? SshPort = null,
    string? SshUser = null,
    CapabilitiesInput? Capabilities = null,
    string? Flavour = null,
    string? VpnTunnelingMode = null,
    ViewerSettingsInput? Viewer = null,
    bool? OnlyForced = null,
    int? MinFreeMemMib = null,
    int? InfrastructureMtu = null);
