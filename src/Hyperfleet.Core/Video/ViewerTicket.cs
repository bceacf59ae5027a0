using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Core.Video;

/// <summary>
/// What a viewer ticket grants: one connection (a SPICE session's channels count as one) from a viewer to one display
/// port of one hypervisor, for one user's view of one desktop, if opened before <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Id">Unique id; also the viewer session's id. A proxy accepts each id once.</param>
/// <param name="User">User the ticket was issued to.</param>
/// <param name="DesktopId">Desktop it shows.</param>
/// <param name="HypervisorId">Hypervisor the desktop runs on.</param>
/// <param name="Host">The host the proxy dials (the hypervisor as the proxy sees it; <c>127.0.0.1</c> for a hypervisor's own proxy).</param>
/// <param name="Port">The display's TCP port there (VNC for <c>browser</c>, SPICE for <c>spice</c>).</param>
/// <param name="Protocol">Which listener may accept it.</param>
/// <param name="IssuedAt">When the control plane signed it.</param>
/// <param name="ExpiresAt">Last instant at which it may be opened.</param>
public sealed record ViewerTicket(
    string Id,
    string User,
    string DesktopId,
    string HypervisorId,
    string Host,
    int Port,
    ViewerProtocol Protocol,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
