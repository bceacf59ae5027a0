using System.Text.Json;
using Hyperfleet.Server.Api.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hyperfleet.Server.Api.Problems;

/// <summary>RFC 7807 problem details with a stable <c>code</c> extension, the one shape of every API error.</summary>
public static class ApiProblems
{
    public static ProblemDetails Create(int status, string code, string title, string? detail = null,
        object? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = "https://hyperfleet.dev/problems/" + code,
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        return problem;
    }

    public static ProblemHttpResult Result(int status, string code, string title, string? detail = null,
        object? errors = null) =>
        TypedResults.Problem(Create(status, code, title, detail, errors));

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ApiJson.Options, context.RequestAborted);
    }
}
