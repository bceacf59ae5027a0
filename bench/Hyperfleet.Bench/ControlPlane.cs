using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Bench;

/// <summary>One in-process control plane (engine on) with its own data dir and settings, reached over HTTP.</summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private const string Password = "bench-admin-password";
    private readonly WebApplication app;
    private readonly string dataDir = Directory.CreateTempSubdirectory("hyperfleet-bench-").FullName;

    private ControlPlane(string name, IDictionary<string, string?> engine)
    {
        Name = name;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Hyperfleet:DataDir"] = dataDir,
            ["Hyperfleet:AdminPassword"] = Password,
            ["Hyperfleet:Engine:RequireKvm"] = File.Exists("/dev/kvm") ? "true" : "false", // TCG where the machine has no KVM
            ["Logging:LogLevel:Default"] = "Error", // the report is the output; the monitors' warnings are expected here
        };
        foreach (var (key, value) in engine)
        {
            settings[key] = value;
        }
        app = HyperfleetApp.Build([], settings);
    }

    public string Name { get; }

    public HttpClient Http { get; } = new();

    public static async Task<ControlPlane> StartAsync(string name, IDictionary<string, string?> engine)
    {
        var plane = new ControlPlane(name, engine);
        await HyperfleetApp.InitializeAsync(plane.app);
        await plane.app.StartAsync();
        plane.Http.BaseAddress = new Uri(plane.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var token = await plane.PostAsync("/api/v1/auth/token", new { username = "admin", password = Password });
        plane.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return plane;
    }

    public async Task<JsonElement> PostAsync(string path, object? body)
    {
        using var response = body is null ? await Http.PostAsync(path, null) : await Http.PostAsJsonAsync(path, body, ApiJson.Options);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}: POST {path} → {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The addresses it listens on (an https one when the settings asked for it).</summary>
    public IReadOnlyList<string> Addresses => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    public async Task<string> StatusAsync(string id)
    {
        var h = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/hypervisors/{id}")).RootElement;
        return h.GetProperty("status").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }
}
