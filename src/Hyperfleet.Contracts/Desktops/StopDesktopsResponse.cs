namespace Hyperfleet.Contracts.Desktops;

/// <summary>Answer of <c>POST /api/v1/hypervisors/{id}/stop-desktops</c>.</summary>
/// <param name="Hypervisor">The hypervisor.</param>
/// <param name="Stopping">Desktops asked to stop (now <c>Stopping</c>).</param>
/// <param name="Skipped">Desktops recorded there that could not be asked (changed concurrently); retry for them.</param>
public sealed record StopDesktopsResponse(string Hypervisor, IReadOnlyList<string> Stopping, IReadOnlyList<string> Skipped);
