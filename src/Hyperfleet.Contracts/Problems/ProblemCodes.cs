namespace Hyperfleet.Contracts.Problems;

/// <summary>Stable <c>code</c> values of the API's problem-details responses. Scripts may rely on them.</summary>
public static class ProblemCodes
{
    /// <summary>The body is not valid JSON, or a member has the wrong type.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>The body is larger than the API accepts (64 KiB).</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>One or more fields are invalid; <c>errors</c> names each.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>No hypervisor (or other resource) with that id.</summary>
    public const string NotFound = "not_found";

    /// <summary>A hypervisor with that id already exists.</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>The hypervisor must be disabled (Offline or Error) before it can be edited.</summary>
    public const string HypervisorOnline = "hypervisor_online";

    /// <summary>The hypervisor is being deleted; only a forced delete applies.</summary>
    public const string HypervisorDeleting = "hypervisor_deleting";

    /// <summary>The hypervisor must be disabled before a (non-forced) delete.</summary>
    public const string HypervisorEnabled = "hypervisor_enabled";

    /// <summary>Someone else changed the resource while the request ran; read it again and retry.</summary>
    public const string ConcurrentChange = "concurrent_change";

    /// <summary>No credential was given, or it is invalid or expired.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The credential is valid but lacks the admin role.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>User name or password is wrong.</summary>
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>An unexpected server error; the log has the details.</summary>
    public const string InternalError = "internal_error";
}
