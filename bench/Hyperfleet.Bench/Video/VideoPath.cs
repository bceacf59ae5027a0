namespace Hyperfleet.Bench.Video;

/// <summary>One way to reach the display, and the process that carries its bytes (for direct TCP, the display itself).</summary>
/// <param name="Name">Its column in the report.</param>
/// <param name="OpenAsync">Opens a fresh connection (with a fresh ticket where one is needed).</param>
/// <param name="Carrier">The process whose CPU the path costs.</param>
/// <param name="Display">The display process, whose CPU counts in the path's total.</param>
public sealed record VideoPath(string Name, Func<CancellationToken, Task<VideoLink>> OpenAsync, HelperProcess Carrier, HelperProcess Display);
