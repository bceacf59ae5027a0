using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Server.Hypervisors;

namespace Hyperfleet.Server.Video;

/// <summary>The viewer routes' refusals.</summary>
public static class ViewerErrors
{
    public static ServiceError NotRunning(string id, string status) =>
        new(ServiceErrorKind.Conflict, VideoProblemCodes.DesktopNotRunning, "Desktop is not running",
            $"'{id}' is {status}: only a Started desktop has a display to view.");

    public static ServiceError NoDisplay(string id, string protocol) =>
        new(ServiceErrorKind.Conflict, VideoProblemCodes.DisplayUnreachable, "No such display",
            $"'{id}' has no {protocol} display on its hypervisor.");

    public static ServiceError NoProxy(string hypervisorId) =>
        new(ServiceErrorKind.Conflict, VideoProblemCodes.DisplayUnreachable, "No video proxy",
            $"{hypervisorId} is hypervisor-standalone and this control plane runs no central video proxy (role 'video').");

    public static ServiceError SessionNotFound(string id) =>
        new(ServiceErrorKind.NotFound, ProblemCodes.NotFound, "Viewer session not found", $"No viewer session '{id}'.");

    public static ServiceError SessionEnded(string id) =>
        new(ServiceErrorKind.Conflict, VideoProblemCodes.SessionEnded, "Viewer session is over", $"Viewer session '{id}' has ended already.");
}
