namespace Hyperfleet.Contracts.Storage;

/// <summary>
/// Body of <c>POST /api/v1/templates</c>. Three forms: a new empty base (<paramref name="Pool"/> + <paramref name="SizeGib"/>),
/// a base from an existing image inside the pool (<paramref name="Pool"/> + <paramref name="ImportPath"/>), or a template
/// as an overlay of a base or template (<paramref name="Parent"/>; its pool is the parent's).
/// </summary>
/// <param name="Id">Slug.</param>
/// <param name="Name">Free text (default: the id).</param>
/// <param name="Pool">Pool of a new base (default <c>default</c>); for a template it must be the parent's, if given.</param>
/// <param name="SizeGib">Virtual size of a new empty base, 1–65536 GiB.</param>
/// <param name="ImportPath">An existing image inside the pool's mountpoint: a standalone qcow2 becomes the base where it is; any other image is converted into one in the pool's bases path.</param>
/// <param name="Parent">The base or template this template is an overlay of.</param>
/// <param name="MemoryMib">Memory of desktops made from it (default: the parent's, else 2048).</param>
/// <param name="Vcpus">Virtual CPUs of desktops made from it (default: the parent's, else 2).</param>
public sealed record CreateTemplateRequest(
    string? Id,
    string? Name = null,
    string? Pool = null,
    int? SizeGib = null,
    string? ImportPath = null,
    string? Parent = null,
    int? MemoryMib = null,
    int? Vcpus = null);
