namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>Body of <c>PATCH /api/v1/hypervisors/{id}</c>: only members present change.</summary>
/// <param name="Hostname">New DNS name or IP.</param>
/// <param name="Description">New description.</param>
/// <param name="SshPort">New SSH port.</param>
/// <param name="SshUser">New SSH user.</param>
/// <param name="Capabilities">New capabilities.</param>
/// <param name="Flavour">New flavour: <c>hypervisor</c> or <c>hypervisor-standalone</c>.</param>
/// <param name="VpnTunnelingMode">New tunneling mode: <c>wireguard+geneve</c> or <c>geneve</c>.</param>
/// <param name="Viewer">New viewer settings.</param>
/// <param name="OnlyForced">New only-forced flag.</param>
/// <param name="MinFreeMemMib">New memory reserve.</param>
/// <param name="InfrastructureMtu">New infrastructure MTU.</param>
public sealed record EditHypervisorRequest(
    string? Hostname = null,
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
