namespace Hyperfleet.Contracts.Video;

/// <summary>What a video proxy says about one of its sessions.</summary>
/// <param name="Id">Session id (the ticket's id).</param>
/// <param name="ClientAddress">The viewer's address.</param>
/// <param name="StartedAt">When the first connection opened.</param>
/// <param name="EndedAt">When the last connection closed; null while open.</param>
/// <param name="BytesToClient">Bytes sent to the viewer so far.</param>
/// <param name="BytesFromClient">Bytes received from the viewer so far.</param>
/// <param name="EndReason">Why it ended, once ended.</param>
public sealed record ProxySessionReport(
    string Id,
    string ClientAddress,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long BytesToClient,
    long BytesFromClient,
    string? EndReason);
