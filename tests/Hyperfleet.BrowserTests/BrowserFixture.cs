using System.Net.Http.Json;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Tests.Engine;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.BrowserTests;

/// <summary>
/// A real control plane (API + engine, SQLite) whose hypervisors are scripted by <see cref="FakeConnector"/>, and
/// an <see cref="AdminBrowser"/> on it.
/// </summary>
public sealed class BrowserFixture : ApiFixture, IAsyncLifetime
{
    public FakeConnector Connector { get; } = new();

    public AdminBrowser Browser { get; private set; } = null!;

    public override string Provider => "sqlite";

    protected override string Roles => "api,engine";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IHypervisorConnector>(Connector);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Engine:BackoffInitial"] = "00:00:00.100";
        settings["Hyperfleet:Engine:BackoffCap"] = "00:00:00.400";
        settings["Hyperfleet:Engine:StatsInterval"] = "00:00:00.300";
        settings["Hyperfleet:Engine:ReconcileInterval"] = "00:00:00.500";
        // Deleting stays Deleting long enough for the admin (and the test) to see it and force the delete.
        settings["Hyperfleet:DeletionSweepInterval"] = "01:00:00";
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Browser = await AdminBrowser.LaunchAsync(BaseAddress, TimeSpan.FromSeconds(10));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        await DisposeAsync();
    }

    /// <summary>Adds a hypervisor through the API (as the CLI would), for tests about other pages.</summary>
    public async Task AddHypervisorAsync(string id, string hostname)
    {
        using var client = Admin();
        var response = await client.PostAsJsonAsync("/api/v1/hypervisors", new { id, hostname }, ApiJson.Options);
        response.EnsureSuccessStatusCode();
    }
}
