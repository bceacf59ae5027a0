using Hyperfleet.Core.Overlay;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Server.Desktops;

/// <summary>Checks a create or resize request on its own (no database), reporting every invalid field at once.</summary>
public static class DesktopValidator
{
    public const int MaxNameLength = 255;
    public const int MinMemoryMib = 16;
    public const int MaxDiskGib = 65536;

    public static List<FieldError> Validate(CreateDesktopRequest request)
    {
        var errors = new List<FieldError>();
        if (SlugRule.Validate(request.Id) is { } id)
        {
            errors.Add(new FieldError("id", id.Code, "id: " + id.Message));
        }
        if (request.Name is { Length: > MaxNameLength })
        {
            errors.Add(new FieldError("name", "name_too_long", $"name must have at most {MaxNameLength} characters."));
        }
        if (request.Vlan is { } vlan && !VlanIds.IsValid(vlan))
        {
            errors.Add(new FieldError("vlan", "vlan_invalid", $"vlan must be a VLAN id between {VlanIds.Min} and {VlanIds.Max}."));
        }
        if (string.IsNullOrWhiteSpace(request.Template))
        {
            errors.Add(new FieldError("template", "required", "template is required."));
        }
        if (request.MemoryMib is < MinMemoryMib or > DomainXmlBuilder.MaxMemoryMib)
        {
            errors.Add(new FieldError("memory_mib", "memory_out_of_range",
                $"memory_mib must be between {MinMemoryMib} and {DomainXmlBuilder.MaxMemoryMib}."));
        }
        if (request.Vcpus is < 1 or > DomainXmlBuilder.MaxVcpus)
        {
            errors.Add(new FieldError("vcpus", "vcpus_out_of_range", $"vcpus must be between 1 and {DomainXmlBuilder.MaxVcpus}."));
        }
        return errors;
    }

    public static List<FieldError> Validate(ResizeDiskRequest request)
    {
        var errors = new List<FieldError>();
        if (request.SizeGib is null)
        {
            errors.Add(new FieldError("size_gib", "required", "size_gib is required."));
        }
        else if (request.SizeGib is < 1 or > MaxDiskGib)
        {
            errors.Add(new FieldError("size_gib", "size_out_of_range", $"size_gib must be between 1 and {MaxDiskGib}."));
        }
        return errors;
    }
}
