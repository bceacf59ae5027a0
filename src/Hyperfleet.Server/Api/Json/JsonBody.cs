using System.Text.Json;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Api.Json;

/// <summary>
/// Reads a JSON request body with a size cap and strict member handling, turning every failure into a
/// problem with a stable code (the framework's binder answers such input with an empty 400).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<HyperfleetOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson,
                "Request body required", "Send a JSON object."));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.StrictOptions);
            return value is null
                ? (null, ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson, "Request body must be a JSON object"))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at '{e.Path.TrimStart('$', '.')}'";
            return (null, ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson,
                "Malformed JSON", Describe(e) + where));
        }
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Unknown field";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "Wrong type or unknown value";
        }
        return "Not valid JSON";
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge,
            "Request body too large", $"The API accepts at most {limit / 1024} KiB.");
}
