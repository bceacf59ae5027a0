using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Video.ControlPlane;
using Hyperfleet.Server.Api.Json;

namespace Hyperfleet.Cli.Client;

/// <summary>The CLI's HTTP client: sends the bearer token and turns problem details into one-line errors.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly string? caPin;
    private X509Certificate2? pinnedCa;

    /// <param name="server">Base URL, http or https.</param>
    /// <param name="token">Bearer token, if any.</param>
    /// <param name="caPin">For https: also trust a certificate chaining to a CA key with this pin (<c>sha256:…</c>).</param>
    public ApiClient(string server, string? token, string? caPin = null)
    {
        if (caPin is not null && !SpkiPin.IsWellFormed(caPin))
        {
            throw new CliException($"--ca-pin '{caPin}' is not of the form sha256:<64 hex digits> (see 'hyperfleet ca' or what serve printed).", ExitCodes.Usage);
        }
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
        {
            throw new CliException($"--server '{server}' is not an http(s) URL.", ExitCodes.Usage);
        }
        Server = baseUri.ToString().TrimEnd('/');
        this.caPin = caPin;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            PinnedCertificateValidation.Validate(certificate, chain, errors, caPin, pinnedCa is null ? null : [pinnedCa]);
        http = new HttpClient(handler) { BaseAddress = new Uri(Server + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public string Server { get; }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <summary>GET of a text answer (a PEM file, say).</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? text : throw Problem(response.StatusCode, text);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        }
        using (var response = await SendRawAsync(request, ct))
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw Problem(response.StatusCode, text);
            }
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (caPin is not null && pinnedCa is null && Server.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                pinnedCa = await PinnedCa.FetchAsync(new Uri(Server + "/"), caPin, ct);
            }
            catch (ControlPlaneException e)
            {
                throw new CliException(e.Message, ExitCodes.Unreachable);
            }
        }
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            throw new CliException($"the TLS certificate of {Server} is not trusted: pass --ca-pin sha256:… (printed by serve) or set HYPERFLEET_CA_PIN",
                ExitCodes.Unreachable);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach Hyperfleet at {Server}: {e.Message}", ExitCodes.Unreachable);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"Hyperfleet at {Server} did not answer within {http.Timeout.TotalSeconds:0} s", ExitCodes.Unreachable);
        }
    }

    public static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>(ApiJson.Options) ?? throw new CliException("the server sent an empty answer");

    private static CliException Problem(HttpStatusCode status, string text)
    {
        string? code = null, title = null, detail = null;
        var fieldErrors = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    fieldErrors.Add($"{e.GetProperty("field").GetString()}: {e.GetProperty("message").GetString()}");
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): fall back to the status.
        }
        var exit = status switch
        {
            HttpStatusCode.Unauthorized => ExitCodes.Unauthenticated,
            HttpStatusCode.Forbidden => ExitCodes.Unauthenticated,
            HttpStatusCode.NotFound => ExitCodes.NotFound,
            HttpStatusCode.Conflict => ExitCodes.Conflict,
            _ => ExitCodes.Failed,
        };
        var message = fieldErrors.Count > 0 ? string.Join("; ", fieldErrors) : detail ?? title ?? $"HTTP {(int)status}";
        if (status == HttpStatusCode.Unauthorized && code != "invalid_credentials")
        {
            message += " (run 'hyperfleet login')";
        }
        return new CliException(code is null ? message : $"{message} [{code}]", exit, code);
    }

    public void Dispose()
    {
        http.Dispose();
        pinnedCa?.Dispose();
    }
}
