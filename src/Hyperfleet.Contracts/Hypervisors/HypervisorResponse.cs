namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>A hypervisor as the API returns it.</summary>
/// <param name="Id">Slug that identifies the hypervisor.</param>
/// <param name="Description">Free text for admins.</param>
/// <param name="Hostname">DNS name or IP address the control plane reaches it at.</param>
/// <param name="SshPort">SSH port of the hypervisor (default 2022).</param>
/// <param name="SshUser">SSH user (default root).</param>
/// <param name="Capabilities">What it is used for.</param>
/// <param name="Flavour">How viewers reach its desktops.</param>
/// <param name="VpnTunnelingMode">How it joins the overlay network.</param>
/// <param name="Viewer">Viewer hosts and ports.</param>
/// <param name="OnlyForced">Takes only desktops forced onto it.</param>
/// <param name="MinFreeMemMib">Memory reserve below which no desktop is placed there.</param>
/// <param name="Enabled">Whether the engine connects to it.</param>
/// <param name="Status">Current status.</param>
/// <param name="StatusReason">Stable code of the last failure (e.g. <c>ssh_unreachable</c>), or null.</param>
/// <param name="StatusDetail">Human text of the last failure, or null.</param>
/// <param name="StatusSince">When the status last changed.</param>
/// <param name="Type">Derived from capabilities: <c>pure_hypervisor</c>, <c>pure_disk_operations</c> or <c>mixed</c>.</param>
/// <param name="InfrastructureMtu">MTU of the infrastructure network between it and the VPN node.</param>
/// <param name="GuestMtu">MTU the desktops' overlay interfaces get, derived from the mode and infrastructure MTU.</param>
/// <param name="TunnelStatus"><c>connected</c> or <c>disconnected</c>.</param>
/// <param name="SshHostKeyFingerprint">SHA256 fingerprint of the pinned SSH host key, or null when none is pinned.</param>
/// <param name="RegisteredBy"><c>admin</c> or <c>agent</c>.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="Facts">Versions, CPU, memory and KVM as read by the engine.</param>
/// <param name="Stats">Last CPU, memory and desktop sample.</param>
/// <param name="Agent">What its agent last said; null for a hypervisor an admin added.</param>
/// <param name="Vpn">Its overlay address, key and tunnel detail.</param>
/// <param name="Vlans">The VLANs on its trunk; null when it has no trunk.</param>
public sealed record HypervisorResponse(
    string Id,
    string Description,
    string Hostname,
    int SshPort,
    string SshUser,
    HypervisorCapabilities Capabilities,
    HypervisorFlavour Flavour,
    VpnTunnelingMode VpnTunnelingMode,
    ViewerSettings Viewer,
    bool OnlyForced,
    int MinFreeMemMib,
    bool Enabled,
    HypervisorStatus Status,
    string? StatusReason,
    string? StatusDetail,
    DateTimeOffset StatusSince,
    string Type,
    int InfrastructureMtu,
    int GuestMtu,
    string TunnelStatus,
    string? SshHostKeyFingerprint,
    string RegisteredBy,
    DateTimeOffset CreatedAt,
    HypervisorFactsResponse Facts,
    HypervisorStatsResponse Stats,
    HypervisorAgentResponse? Agent = null,
    HypervisorVpnResponse? Vpn = null,
    HypervisorVlansResponse? Vlans = null);
