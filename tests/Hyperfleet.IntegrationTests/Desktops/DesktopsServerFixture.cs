using Hyperfleet.IntegrationTests.Engine;

namespace Hyperfleet.IntegrationTests.Desktops;

/// <summary>The testbed control plane of <see cref="TestbedServerFixture"/>, with desktop stops that give up on ACPI quickly.</summary>
public class DesktopsServerFixture : TestbedServerFixture
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        // The test guest (an empty disk: SeaBIOS) never answers ACPI, so every polite stop ends in a destroy.
        settings["Hyperfleet:Desktops:StopTimeout"] = "00:00:03";
        settings["Hyperfleet:Desktops:ReconcileInterval"] = "00:00:05";
    }
}
