using System.Text.Json;

namespace Hyperfleet.Video.ControlPlane;

/// <summary>The control plane refused or could not be trusted; <see cref="Code"/> is the API's stable code where it gave one.</summary>
public sealed class ControlPlaneException(string code, string message, int? status = null, TimeSpan? retryAfter = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The HTTP status, when the control plane answered.</summary>
    public int? Status { get; } = status;

    /// <summary>When to ask again, when the control plane said so (<c>Retry-After</c>, e.g. with 428).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static async Task<ControlPlaneException> FromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        string code = "http_" + (int)response.StatusCode, detail = body.Length > 300 ? body[..300] : body;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("code", out var c) && c.GetString() is { } problemCode)
            {
                code = problemCode;
            }
            if (json.RootElement.TryGetProperty("detail", out var d) && d.GetString() is { } problemDetail)
            {
                detail = problemDetail;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy in between, say): the status and the start of the body say enough.
        }
        return new ControlPlaneException(code,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} [{code}] {detail}".TrimEnd(),
            (int)response.StatusCode, response.Headers.RetryAfter?.Delta);
    }
}
