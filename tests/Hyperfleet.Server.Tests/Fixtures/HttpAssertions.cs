using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Api.Json;

namespace Hyperfleet.Server.Tests.Fixtures;

public static class HttpAssertions
{
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, root.GetProperty("code").GetString());
        return root;
    }

    public static async Task<T> OkAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, ApiJson.Options)!;
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchRawAsync(this HttpClient client, string path, string json) =>
        client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<HypervisorResponse> AddAsync(this HttpClient client, string id, string hostname = "hv.example.org",
        string extra = "")
    {
        var response = await client.PostRawAsync("/api/v1/hypervisors", $$"""{"id":"{{id}}","hostname":"{{hostname}}"{{extra}}}""");
        return await response.OkAsync<HypervisorResponse>(HttpStatusCode.Created);
    }

    public static IEnumerable<string> ErrorCodes(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!);

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string path) =>
        client.PostAsync(path, content: null);

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, ApiJson.Options);
}
