using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Networking;

/// <summary>
/// A hypervisor's port plan: the port table (what traffic flows between it, the control plane and clients, and which
/// rows apply to it) and the iptables/firewalld commands that open both hosts, for native and container deployments.
/// </summary>
public static class PortPlan
{
    /// <summary>The port plan for one hypervisor.</summary>
    /// <exception cref="ArgumentException">The input breaks a rule; <see cref="Validate"/> lists every problem.</exception>
    public static HypervisorPortsResponse For(PortPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid port plan input: " + string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(input));
        }
        var rows = PortRequirementTable.Build(input);
        return new HypervisorPortsResponse(
            input.HypervisorId,
            input.Hostname,
            input.VpnTunnelingMode,
            input.Flavour,
            input.Capabilities,
            rows,
            FirewallCommandWriter.Build(input, rows));
    }

    /// <summary>Every problem with the input, each naming its field (<see cref="RuleError.Field"/>); empty when valid.</summary>
    public static IReadOnlyList<RuleError> Validate(PortPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<RuleError>();
        Add(errors, nameof(PortPlanInput.HypervisorId), SlugRule.Validate(input.HypervisorId));
        // The local all-in-one hypervisor may be localhost; its plan is still well defined.
        Add(errors, nameof(PortPlanInput.Hostname), HostnameRule.Validate(input.Hostname, allowLocal: true));
        Add(errors, nameof(PortPlanInput.Capabilities),
            input.Capabilities is null ? new RuleError(RuleCodes.NoCapability, "capabilities are required.") : HypervisorTypes.Validate(input.Capabilities));
        Add(errors, nameof(PortPlanInput.SshPort), PortNumberRule.Validate(input.SshPort, "ssh_port"));
        Add(errors, nameof(PortPlanInput.ViewerSpicePort), PortNumberRule.Validate(input.ViewerSpicePort, "viewer spice_port"));
        Add(errors, nameof(PortPlanInput.ViewerHtml5Port), PortNumberRule.Validate(input.ViewerHtml5Port, "viewer html5_port"));
        errors.AddRange(ValidateSettings(input.Settings));
        return errors;
    }

    /// <summary>Every problem with the control plane's settings, each naming its setting; empty when valid.</summary>
    public static IReadOnlyList<RuleError> ValidateSettings(PortPlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<RuleError>();
        Add(errors, nameof(PortPlanSettings.WgHypersPort), PortNumberRule.Validate(settings.WgHypersPort, "WG_HYPERS_PORT"));
        Add(errors, nameof(PortPlanSettings.GenevePort), PortNumberRule.Validate(settings.GenevePort, "the Geneve port"));
        Add(errors, nameof(PortPlanSettings.ApiPort), PortNumberRule.Validate(settings.ApiPort, "the API port"));
        Add(errors, nameof(PortPlanSettings.VideoFirstPort),
            PortNumberRule.ValidateRange(settings.VideoFirstPort, settings.VideoLastPort, "VIDEO_HYPERVISOR_PORTS"));
        Add(errors, nameof(PortPlanSettings.DockerNet), DockerNetRule.Validate(settings.DockerNet));
        if (settings.ControlPlaneAddress is not null)
        {
            Add(errors, nameof(PortPlanSettings.ControlPlaneAddress), HostnameRule.Validate(settings.ControlPlaneAddress));
        }
        return errors;
    }

    private static void Add(List<RuleError> errors, string field, RuleError? error)
    {
        if (error is not null)
        {
            errors.Add(error with { Field = field });
        }
    }
}
