using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Networking;
using Hyperfleet.Core.Validation;
using static Hyperfleet.Core.Tests.Networking.TestPlans;

namespace Hyperfleet.Core.Tests.Networking;

public class PortPlanTests
{
    [Fact]
    public void For_ValidInput_EchoesTheHypervisor()
    {
        var plan = Plan(VpnTunnelingMode.Geneve, HypervisorFlavour.HypervisorStandalone, true, false, "hv1.example.org");

        Assert.Equal(("hv1", "hv1.example.org"), (plan.HypervisorId, plan.Hostname));
        Assert.Equal((VpnTunnelingMode.Geneve, HypervisorFlavour.HypervisorStandalone), (plan.VpnTunnelingMode, plan.Flavour));
        Assert.Equal(new HypervisorCapabilities(true, false), plan.Capabilities);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("isard-hypervisor")]
    public void For_LocalAllInOneHypervisor_StillHasAPlan(string hostname)
    {
        Assert.NotEmpty(Plan(hostname: hostname).FirewallCommands);
    }

    public static TheoryData<PortPlanInput, string, string> InvalidInputs => new()
    {
        { Input() with { HypervisorId = "HV 1" }, nameof(PortPlanInput.HypervisorId), RuleCodes.IdInvalid },
        { Input() with { Hostname = "0.0.0.0" }, nameof(PortPlanInput.Hostname), RuleCodes.HostnameUnspecified },
        { Input() with { Hostname = "hv1; rm -rf /" }, nameof(PortPlanInput.Hostname), RuleCodes.HostnameInvalid },
        { Input(hypervisor: false, diskOperations: false), nameof(PortPlanInput.Capabilities), RuleCodes.NoCapability },
        { Input() with { SshPort = 0 }, nameof(PortPlanInput.SshPort), RuleCodes.PortOutOfRange },
        { Input() with { ViewerSpicePort = 65536 }, nameof(PortPlanInput.ViewerSpicePort), RuleCodes.PortOutOfRange },
        { Input() with { ViewerHtml5Port = -1 }, nameof(PortPlanInput.ViewerHtml5Port), RuleCodes.PortOutOfRange },
        { Input(settings: new() { WgHypersPort = 70000 }), nameof(PortPlanSettings.WgHypersPort), RuleCodes.PortOutOfRange },
        { Input(settings: new() { GenevePort = 0 }), nameof(PortPlanSettings.GenevePort), RuleCodes.PortOutOfRange },
        { Input(settings: new() { ApiPort = 0 }), nameof(PortPlanSettings.ApiPort), RuleCodes.PortOutOfRange },
        { Input(settings: new() { VideoFirstPort = 7899, VideoLastPort = 5900 }), nameof(PortPlanSettings.VideoFirstPort), RuleCodes.PortOutOfRange },
        { Input(settings: new() { DockerNet = "172.31.255.0" }), nameof(PortPlanSettings.DockerNet), RuleCodes.DockerNetInvalid },
        { Input(settings: new() { DockerNet = "172.31.255;reboot" }), nameof(PortPlanSettings.DockerNet), RuleCodes.DockerNetInvalid },
        { Input(settings: new() { ControlPlaneAddress = "localhost" }), nameof(PortPlanSettings.ControlPlaneAddress), RuleCodes.HostnameLoopback },
        { Input(settings: new() { ControlPlaneAddress = "x'y" }), nameof(PortPlanSettings.ControlPlaneAddress), RuleCodes.HostnameInvalid },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Validate_InvalidField_NamesTheFieldAndCode(PortPlanInput input, string field, string code)
    {
        var error = Assert.Single(PortPlan.Validate(input));

        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void For_InvalidField_ThrowsRatherThanWriteABrokenCommand(PortPlanInput input, string field, string code)
    {
        _ = code;
        var exception = Assert.Throws<ArgumentException>(() => PortPlan.For(input));

        Assert.Contains(field, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var input = Input(hypervisor: false, diskOperations: false, settings: new() { DockerNet = "x", WgHypersPort = 0 }) with { SshPort = 0 };

        var fields = PortPlan.Validate(input).Select(e => e.Field).ToList();

        Assert.Equal(
            [nameof(PortPlanInput.Capabilities), nameof(PortPlanInput.SshPort), nameof(PortPlanSettings.WgHypersPort), nameof(PortPlanSettings.DockerNet)],
            fields);
    }

    [Fact]
    public void ValidateSettings_Defaults_AreValid()
    {
        Assert.Empty(PortPlan.ValidateSettings(new PortPlanSettings()));
        Assert.Empty(PortPlan.Validate(Input()));
    }

    [Fact]
    public void ValidateSettings_BadWgPort_MessageNamesTheSeedsSetting()
    {
        var error = Assert.Single(PortPlan.ValidateSettings(new PortPlanSettings { WgHypersPort = 0 }));

        Assert.Contains("WG_HYPERS_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_HypervisorResponse_TakesItsPortsModeFlavourAndCapabilities()
    {
        var hypervisor = new HypervisorResponse(
            "hv7", "", "hv7.example.org", 2200, "root", new HypervisorCapabilities(false, true),
            HypervisorFlavour.HypervisorStandalone, VpnTunnelingMode.Geneve,
            new ViewerSettings(null, null, null, 8080, 8443), false, 0, true, HypervisorStatus.Online, null, null,
            DateTimeOffset.UnixEpoch, "pure_disk_operations", 1500, 1446, "connected", null, "admin", DateTimeOffset.UnixEpoch,
            new HypervisorFactsResponse(null, null, null, null, null, null), new HypervisorStatsResponse(null, null, null, null, null));
        var settings = new PortPlanSettings { WgHypersPort = 51820 };

        var input = PortPlanInput.From(hypervisor, settings);

        Assert.Equal(
            ("hv7", "hv7.example.org", 2200, 8080, 8443),
            (input.HypervisorId, input.Hostname, input.SshPort, input.ViewerSpicePort, input.ViewerHtml5Port));
        Assert.Equal((HypervisorFlavour.HypervisorStandalone, VpnTunnelingMode.Geneve), (input.Flavour, input.VpnTunnelingMode));
        Assert.Equal(new HypervisorCapabilities(false, true), input.Capabilities);
        Assert.Same(settings, input.Settings);
    }
}
