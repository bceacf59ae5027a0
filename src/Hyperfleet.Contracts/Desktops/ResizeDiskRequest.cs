namespace Hyperfleet.Contracts.Desktops;

/// <summary>Body of <c>POST /api/v1/desktops/{id}/resize</c>: grow the stopped desktop's disk.</summary>
/// <param name="SizeGib">New virtual size, 1–65536 GiB; never smaller than the disk is (shrinking would lose data).</param>
public sealed record ResizeDiskRequest(int? SizeGib);
