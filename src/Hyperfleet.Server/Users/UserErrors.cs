using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Server.Hypervisors;

namespace Hyperfleet.Server.Users;

/// <summary>The users routes' refusals.</summary>
public static class UserErrors
{
    public static ServiceError NotFound(string username) =>
        new(ServiceErrorKind.NotFound, ProblemCodes.NotFound, "User not found", $"No user '{username}'.");

    public static ServiceError Invalid(IReadOnlyList<FieldError> errors) =>
        new(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, "Invalid user", string.Join(" ", errors.Select(e => e.Message)), errors);

    public static ServiceError Exists(string username) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.AlreadyExists, "User exists", $"A user '{username}' already exists.");

    public static ServiceError IsSelf(string username) =>
        new(ServiceErrorKind.Conflict, UserProblemCodes.UserIsSelf, "Cannot delete yourself",
            $"'{username}' is the account making this request; ask another admin to delete it.");

    public static ServiceError LastAdmin(string username) =>
        new(ServiceErrorKind.Conflict, UserProblemCodes.LastAdmin, "Last admin",
            $"'{username}' is the only admin; create another admin first.");

    public static ServiceError OwnsDesktops(string username, int count) =>
        new(ServiceErrorKind.Conflict, UserProblemCodes.UserOwnsDesktops, "User owns desktops",
            $"'{username}' still owns {count} desktop(s); delete them first.");

    public static ServiceError Concurrent(string username) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.ConcurrentChange, "Changed concurrently",
            $"Users changed while deleting '{username}'; read them again and retry.");
}
