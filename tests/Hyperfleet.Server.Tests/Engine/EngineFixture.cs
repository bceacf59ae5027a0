using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Engine;

/// <summary>A real server with the engine role on, whose connector is scripted.</summary>
public sealed class EngineFixture : ApiFixture
{
    public FakeConnector Connector { get; } = new();

    public override string Provider => "sqlite";

    protected override string Roles => "api,engine";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IHypervisorConnector>(Connector);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Engine:BackoffInitial"] = "00:00:00.100";
        settings["Hyperfleet:Engine:BackoffCap"] = "00:00:00.400";
        settings["Hyperfleet:Engine:StatsInterval"] = "00:00:00.200";
        settings["Hyperfleet:Engine:ReconcileInterval"] = "00:00:00.500";
    }
}
