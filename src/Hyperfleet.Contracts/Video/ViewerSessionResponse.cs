namespace Hyperfleet.Contracts.Video;

/// <summary>One viewer session: a ticket issued to a user for a desktop, and the connection it opened.</summary>
/// <param name="Id">Session id (the ticket's id).</param>
/// <param name="User">Who asked for the ticket.</param>
/// <param name="Desktop">The desktop viewed.</param>
/// <param name="Hypervisor">Where the desktop ran.</param>
/// <param name="Protocol">browser or spice.</param>
/// <param name="Proxy">Which proxy carried it: <c>central</c> or the hypervisor whose own proxy did.</param>
/// <param name="Status"><c>issued</c> (not yet opened), <c>open</c>, <c>ended</c>, or <c>expired</c> (never opened).</param>
/// <param name="ClientAddress">The viewer's address as the proxy saw it, once opened.</param>
/// <param name="IssuedAt">When the ticket was issued.</param>
/// <param name="StartedAt">When the connection opened.</param>
/// <param name="EndedAt">When it closed.</param>
/// <param name="BytesToClient">Display bytes sent to the viewer.</param>
/// <param name="BytesFromClient">Bytes the viewer sent (input).</param>
/// <param name="EndReason">Why it ended: <c>client_closed</c>, <c>display_closed</c>, <c>cut</c>, <c>desktop_stopped</c>, …</param>
public sealed record ViewerSessionResponse(
    string Id,
    string User,
    string Desktop,
    string Hypervisor,
    ViewerProtocol Protocol,
    string Proxy,
    string Status,
    string? ClientAddress,
    DateTimeOffset IssuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long BytesToClient,
    long BytesFromClient,
    string? EndReason);
