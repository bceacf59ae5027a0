namespace Hyperfleet.Contracts.Storage;

/// <summary>Body of <c>PATCH /api/v1/pools/{id}</c>; omitted members keep their value.</summary>
/// <param name="Name">Free text.</param>
/// <param name="Mountpoint">Absolute path; only while no template or desktop lives in the pool.</param>
/// <param name="Paths">Directories; only while no template or desktop lives in the pool.</param>
/// <param name="Hypervisors">The full new list of member hypervisors.</param>
public sealed record EditPoolRequest(
    string? Name = null,
    string? Mountpoint = null,
    PoolPathsInput? Paths = null,
    IReadOnlyList<string>? Hypervisors = null);
