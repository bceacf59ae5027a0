namespace Hyperfleet.Contracts.Storage;

/// <summary>A base (a disk with no parent) or a template (an overlay of a base or of another template).</summary>
/// <param name="Id">Slug.</param>
/// <param name="Name">Free text.</param>
/// <param name="Kind"><c>base</c> or <c>template</c>.</param>
/// <param name="Pool">The storage pool holding its disk.</param>
/// <param name="Parent">The base or template it is an overlay of; null for a base.</param>
/// <param name="DiskPath">Absolute path of its qcow2 disk inside the pool.</param>
/// <param name="MemoryMib">Memory of desktops made from it.</param>
/// <param name="Vcpus">Virtual CPUs of desktops made from it.</param>
/// <param name="Status"><c>Creating</c> while its disk task runs, <c>Ready</c>, <c>Failed</c> (see <paramref name="StatusDetail"/>) or <c>Deleting</c>.</param>
/// <param name="StatusDetail">Why it failed, or what it waits for.</param>
/// <param name="TaskId">The newest disk task working on it, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TemplateResponse(
    string Id,
    string Name,
    string Kind,
    string Pool,
    string? Parent,
    string DiskPath,
    int MemoryMib,
    int Vcpus,
    string Status,
    string? StatusDetail,
    long? TaskId,
    DateTimeOffset CreatedAt);
