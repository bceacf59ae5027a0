using Hyperfleet.Contracts.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Hyperfleet.Server.Api.Problems;

/// <summary>Unhandled exceptions and bare status codes (unknown route, wrong method) as problem details too.</summary>
internal static class ApiErrorHandling
{
    public static Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            var code = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemCodes.BodyTooLarge : ProblemCodes.MalformedJson;
            return ApiProblems.WriteAsync(context, ApiProblems.Create(bad.StatusCode, code, "Bad request", bad.Message));
        }
        return ApiProblems.WriteAsync(context, ApiProblems.Create(StatusCodes.Status500InternalServerError,
            ProblemCodes.InternalError, "Internal error", "The server log has the details; nothing was changed."));
    }

    public static Task WriteStatusCodeAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var (code, title) = status switch
        {
            StatusCodes.Status404NotFound => (ProblemCodes.NotFound, "Not found"),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "Method not allowed"),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send application/json"),
            _ => ("http_" + status, "HTTP " + status),
        };
        return ApiProblems.WriteAsync(context, ApiProblems.Create(status, code, title));
    }
}
