using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Hypervisors;

namespace Hyperfleet.Server.Storage;

/// <summary>The refusals of the storage routes, as <see cref="ServiceError"/>s.</summary>
public static class StorageErrors
{
    public static ServiceError NotFound(string what, string id) =>
        new(ServiceErrorKind.NotFound, ProblemCodes.NotFound, $"{Capitalised(what)} not found", $"No {what} '{id}'.");

    public static ServiceError Invalid(string what, IReadOnlyList<FieldError> errors) =>
        new(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, $"Invalid {what}", string.Join(" ", errors.Select(e => e.Message)), errors);

    public static ServiceError Exists(string what, string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.AlreadyExists, $"{Capitalised(what)} exists", $"A {what} '{id}' already exists.");

    public static ServiceError Conflict(string code, string title, string detail) =>
        new(ServiceErrorKind.Conflict, code, title, detail);

    public static ServiceError Concurrent(string what, string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.ConcurrentChange, "Changed concurrently",
            $"{Capitalised(what)} '{id}' changed while this request ran; read it again and retry.");

    private static string Capitalised(string what) => char.ToUpperInvariant(what[0]) + what[1..];
}
