using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.IntegrationTests.Engine;

/// <summary>A real control plane with the engine role on (SQLite), for driving real testbed hosts.</summary>
public class TestbedServerFixture : ApiFixture
{
    public override string Provider => "sqlite";

    protected override string Roles => "api,engine";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Engine:BackoffInitial"] = "00:00:00.500";
        settings["Hyperfleet:Engine:BackoffCap"] = "00:00:03";
        settings["Hyperfleet:Engine:StatsInterval"] = "00:00:02";
        // Machines without /dev/kvm (nested CI) run the testbed's domains under TCG; the engine must accept that here.
        settings["Hyperfleet:Engine:RequireKvm"] = File.Exists("/dev/kvm") ? "true" : "false";
    }
}
