using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hyperfleet.Server.Api.Problems;

internal static class ServiceErrorResults
{
    public static ProblemHttpResult ToProblem(this ServiceError error)
    {
        var status = error.Kind switch
        {
            ServiceErrorKind.NotFound => StatusCodes.Status404NotFound,
            ServiceErrorKind.Conflict => StatusCodes.Status409Conflict,
            ServiceErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ServiceErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ServiceErrorKind.NotReady => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = ApiProblems.Create(status, error.Code, error.Title, error.Detail);
        if (error.Errors is { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }
        return TypedResults.Problem(problem);
    }
}
