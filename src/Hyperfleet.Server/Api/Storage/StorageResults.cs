using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hyperfleet.Server.Api.Storage;

/// <summary>Storage refusals as problems: a well-formed request whose values do not fit (bad path, unknown hypervisor) is 422.</summary>
internal static class StorageResults
{
    public static ProblemHttpResult ToStorageProblem(this ServiceError error)
    {
        var status = error.Kind switch
        {
            ServiceErrorKind.NotFound => StatusCodes.Status404NotFound,
            ServiceErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return ApiProblems.Result(status, error.Code, error.Title, error.Detail, error.Errors is { Count: > 0 } errors ? errors : null);
    }
}
