using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Validation;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>Checks a hypervisor row as it would be saved, reporting every invalid field at once.</summary>
public static class HypervisorValidator
{
    public const int MaxDescriptionLength = 1024;
    public const int MaxMinFreeMemMib = 16 * 1024 * 1024;

    public static List<FieldError> Validate(Hypervisor h)
    {
        var errors = new List<FieldError>();
        Add(errors, "id", SlugRule.Validate(h.Id));
        Add(errors, "hostname", HostnameRule.Validate(h.Hostname));
        Add(errors, "ssh_port", PortNumberRule.Validate(h.SshPort));
        Add(errors, "ssh_user", SshUserRule.Validate(h.SshUser));
        Add(errors, "capabilities", HypervisorTypes.Validate(h.CapHypervisor, h.CapDiskOperations));
        Add(errors, "infrastructure_mtu", MtuMath.ValidateInfrastructureMtu(h.InfrastructureMtu));
        Add(errors, "viewer.spice_port", PortNumberRule.Validate(h.ViewerSpicePort));
        Add(errors, "viewer.html5_port", PortNumberRule.Validate(h.ViewerHtml5Port));
        // Viewer hosts are names clients or the proxy resolve (e.g. the container name isard-hypervisor), so local names are fine.
        Add(errors, "viewer.static_host", Optional(h.ViewerStaticHost));
        Add(errors, "viewer.proxy_video_host", Optional(h.ViewerProxyVideoHost));
        Add(errors, "viewer.proxy_hyper_host", Optional(h.ViewerProxyHyperHost));
        if (h.MinFreeMemMib is < 0 or > MaxMinFreeMemMib)
        {
            errors.Add(new FieldError("min_free_mem_mib", "min_free_mem_out_of_range",
                $"min_free_mem_mib must be between 0 and {MaxMinFreeMemMib}."));
        }
        if (h.Description.Length > MaxDescriptionLength)
        {
            errors.Add(new FieldError("description", "description_too_long",
                $"description must have at most {MaxDescriptionLength} characters."));
        }
        return errors;
    }

    private static RuleError? Optional(string? host) =>
        host is null ? null : HostnameRule.Validate(host, allowLocal: true);

    private static void Add(List<FieldError> errors, string field, RuleError? error)
    {
        if (error is not null)
        {
            errors.Add(new FieldError(field, error.Code, error.Message));
        }
    }
}
