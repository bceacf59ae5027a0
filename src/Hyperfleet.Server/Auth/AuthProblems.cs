using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace Hyperfleet.Server.Auth;

/// <summary>Writes 401/403 as problem details with a stable code, like every other API error.</summary>
internal static class AuthProblems
{
    public static Task WriteAsync(HttpContext context, StatusCodesFor kind)
    {
        var problem = kind == StatusCodesFor.Unauthenticated
            ? ApiProblems.Create(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated,
                "Authentication required", "Send 'Authorization: Bearer <token>' (POST /api/v1/auth/token) or log in.")
            : ApiProblems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                "Admins only", "Only administrators manage hypervisors.");
        if (kind == StatusCodesFor.Unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        return ApiProblems.WriteAsync(context, problem);
    }
}
