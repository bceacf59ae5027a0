using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Server.Storage;

/// <summary>Checks a template request's own fields (what needs no database), reporting every problem at once.</summary>
public static class TemplateValidator
{
    public const int MaxSizeGib = 65536;
    public const int MinMemoryMib = 128;
    public const int MaxMemoryMib = 1024 * 1024;
    public const int MaxVcpus = 256;

    public static List<FieldError> Validate(CreateTemplateRequest request)
    {
        var errors = new List<FieldError>();
        Id(errors, "id", request.Id);
        Name(errors, request.Name);
        var forms = new[] { request.SizeGib is not null, request.ImportPath is not null, request.Parent is not null }.Count(x => x);
        if (forms == 0)
        {
            errors.Add(new FieldError("size_gib", "form_missing", "give size_gib (a new empty base), import_path (an existing qcow2) or parent (a template)."));
        }
        else if (forms > 1)
        {
            errors.Add(new FieldError(request.Parent is not null ? "parent" : "import_path", "form_conflict",
                "give only one of size_gib, import_path and parent."));
        }
        if (request.SizeGib is { } size && size is < 1 or > MaxSizeGib)
        {
            errors.Add(new FieldError("size_gib", "size_out_of_range", $"size_gib must be between 1 and {MaxSizeGib}."));
        }
        if (request.ImportPath is { } path && StoragePathRule.Validate(path) is { } pathError)
        {
            errors.Add(new FieldError("import_path", pathError.Code, "import_path: " + pathError.Message));
        }
        if (request.Pool is not null && SlugRule.Validate(request.Pool) is not null)
        {
            errors.Add(new FieldError("pool", "pool_unknown", $"pool: no pool '{request.Pool}'."));
        }
        Sizing(errors, request.MemoryMib, request.Vcpus);
        return errors;
    }

    public static List<FieldError> Validate(MakeTemplateRequest request)
    {
        var errors = new List<FieldError>();
        Id(errors, "template_id", request.TemplateId);
        Name(errors, request.Name);
        return errors;
    }

    internal static void Sizing(List<FieldError> errors, int? memoryMib, int? vcpus)
    {
        if (memoryMib is { } memory && memory is < MinMemoryMib or > MaxMemoryMib)
        {
            errors.Add(new FieldError("memory_mib", "memory_out_of_range", $"memory_mib must be between {MinMemoryMib} and {MaxMemoryMib}."));
        }
        if (vcpus is { } cpus && cpus is < 1 or > MaxVcpus)
        {
            errors.Add(new FieldError("vcpus", "vcpus_out_of_range", $"vcpus must be between 1 and {MaxVcpus}."));
        }
    }

    private static void Id(List<FieldError> errors, string field, string? id)
    {
        if (SlugRule.Validate(id) is { } error)
        {
            errors.Add(new FieldError(field, error.Code, $"{field}: {error.Message}"));
        }
    }

    private static void Name(List<FieldError> errors, string? name)
    {
        if (name is { Length: > StoragePoolValidator.MaxNameLength })
        {
            errors.Add(new FieldError("name", "name_too_long", $"name must have at most {StoragePoolValidator.MaxNameLength} characters."));
        }
    }
}
