namespace Hyperfleet.Contracts.Storage;

/// <summary>Body of <c>POST /api/v1/pools</c>.</summary>
/// <param name="Id">Slug: lower-case letters, digits and dashes, 1–63 characters.</param>
/// <param name="Name">Free text (default: the id).</param>
/// <param name="Mountpoint">Absolute path (default <c>/opt/isard</c>).</param>
/// <param name="Paths">Directories; each defaults to <c>&lt;mountpoint&gt;/bases</c>, <c>/templates</c>, <c>/groups</c>, <c>/media</c>, <c>/volatile</c>.</param>
/// <param name="Hypervisors">Ids of the hypervisors that mount it (default none).</param>
public sealed record AddPoolRequest(
    string? Id,
    string? Name = null,
    string? Mountpoint = null,
    PoolPathsInput? Paths = null,
    IReadOnlyList<string>? Hypervisors = null);
