using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Hypervisors;

namespace Hyperfleet.Server.Desktops;

/// <summary>The desktop routes' refusals.</summary>
public static class DesktopErrors
{
    public static ServiceError NotFound(string id) =>
        new(ServiceErrorKind.NotFound, ProblemCodes.NotFound, "Desktop not found", $"No desktop '{id}'.");

    public static ServiceError Invalid(IReadOnlyList<FieldError> errors) =>
        new(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, "Invalid desktop", string.Join(" ", errors.Select(e => e.Message)), errors);

    public static ServiceError WrongStatus(string id, string status, string wanted) =>
        new(ServiceErrorKind.Conflict, DesktopProblemCodes.DesktopWrongStatus, "Desktop is " + status,
            $"'{id}' is {status}; {wanted}.");

    public static ServiceError Busy(string id) =>
        new(ServiceErrorKind.Conflict, DesktopProblemCodes.DesktopWrongStatus, "Desktop is busy",
            $"A start or stop of '{id}' is still in flight; wait for it to end.");

    public static ServiceError Concurrent(string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.ConcurrentChange, "Changed concurrently",
            $"'{id}' changed while this request ran; read it again and retry.");

    public static ServiceError NotConnected(string id, string hypervisorId) =>
        new(ServiceErrorKind.Conflict, DesktopProblemCodes.HypervisorNotConnected, "Hypervisor not connected",
            $"'{id}' is on {hypervisorId}, which the engine does not hold Online now; retry once it is back.");
}
