namespace Hyperfleet.Contracts.Storage;

/// <summary>Directories of a pool in a request; an omitted one is <c>&lt;mountpoint&gt;/&lt;name&gt;</c> on add and unchanged on edit.</summary>
/// <param name="Bases">Base disks.</param>
/// <param name="Templates">Template disks.</param>
/// <param name="Groups">Desktop disks.</param>
/// <param name="Media">Media.</param>
/// <param name="Volatile">Volatile disks.</param>
public sealed record PoolPathsInput(
    string? Bases = null,
    string? Templates = null,
    string? Groups = null,
    string? Media = null,
    string? Volatile = null);
