using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.IntegrationTests.Desktops;

/// <summary>The testbed control plane of <c>TestbedServerFixture</c>, with desktop stops that give up on ACPI quickly.</summary>
public sealed class DesktopsServerFixture : ApiFixture
{
    public override string Provider => "sqlite";

    protected override string Roles => "api,engine";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Engine:BackoffInitial"] = "00:00:00.500";
        settings["Hyperfleet:Engine:BackoffCap"] = "00:00:03";
        settings["Hyperfleet:Engine:StatsInterval"] = "00:00:02";
        settings["Hyperfleet:Engine:RequireKvm"] = File.Exists("/dev/kvm") ? "true" : "false";
        // The test guest (an empty disk: SeaBIOS) never answers ACPI, so every polite stop ends in a destroy.
        settings["Hyperfleet:Desktops:StopTimeout"] = "00:00:03";
        settings["Hyperfleet:Desktops:ReconcileInterval"] = "00:00:05";
    }
}
