namespace Hyperfleet.Contracts.Storage;

/// <summary>The directories of a storage pool, each absolute and under its mountpoint.</summary>
/// <param name="Bases">Base disks (no parent).</param>
/// <param name="Templates">Template disks (overlays of bases or of other templates).</param>
/// <param name="Groups">Desktop disks (overlays of templates).</param>
/// <param name="Media">ISO images and other media.</param>
/// <param name="Volatile">Disks thrown away when a desktop stops.</param>
public sealed record PoolPaths(string Bases, string Templates, string Groups, string Media, string Volatile);
