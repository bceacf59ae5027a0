using Hyperfleet.Contracts.Problems;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>Why an operation was refused; the API turns it into a problem, the UI into a message.</summary>
public sealed record ServiceError(ServiceErrorKind Kind, string Code, string Title, string? Detail = null,
    IReadOnlyList<FieldError>? Errors = null)
{
    public static ServiceError NotFound(string id) =>
        new(ServiceErrorKind.NotFound, ProblemCodes.NotFound, "Hypervisor not found", $"No hypervisor '{id}'.");

    /// <summary>The hypervisor's row changed between reading and writing it (its version moved on).</summary>
    public static ServiceError Concurrent(string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.ConcurrentChange, "Changed concurrently",
            $"'{id}' changed while this request ran; read it again and retry.");

    public static ServiceError Invalid(IReadOnlyList<FieldError> errors) =>
        new(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, "Invalid hypervisor",
            string.Join(" ", errors.Select(e => e.Message)), errors);
}

public enum ServiceErrorKind
{
    NotFound,
    Invalid,
    Conflict,

    /// <summary>The credential presented (an enrollment token) does not allow this.</summary>
    Unauthorized,

    /// <summary>The caller is known but may not do this.</summary>
    Forbidden,

    /// <summary>Not yet: ask again later (428 with Retry-After).</summary>
    NotReady,
}
