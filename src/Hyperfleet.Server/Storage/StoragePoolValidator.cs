using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Validation;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>Checks a pool as it would be saved, reporting every invalid field at once.</summary>
public static class StoragePoolValidator
{
    public const int MaxNameLength = 255;
    public const string HypervisorUnknown = "hypervisor_unknown";
    public const string HypervisorDuplicate = "hypervisor_duplicate";

    public static List<FieldError> Validate(StoragePool pool, IReadOnlyList<string> memberIds, ISet<string> knownHypervisors)
    {
        var errors = new List<FieldError>();
        if (SlugRule.Validate(pool.Id) is { } id)
        {
            errors.Add(new FieldError("id", id.Code, "id: " + id.Message));
        }
        if (pool.Name.Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", "name_too_long", $"name must have at most {MaxNameLength} characters."));
        }
        var mountpointOk = true;
        if (StoragePathRule.Validate(pool.Mountpoint) is { } mount)
        {
            errors.Add(new FieldError("mountpoint", mount.Code, "mountpoint: " + mount.Message));
            mountpointOk = false;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, path) in pool.Directories())
        {
            if (!mountpointOk && path.StartsWith(pool.Mountpoint + "/", StringComparison.Ordinal))
            {
                continue; // derived from the bad mountpoint: that one error says it all
            }
            var error = mountpointOk ? StoragePathRule.ValidateUnder(path, pool.Mountpoint) : StoragePathRule.Validate(path);
            if (error is { } e)
            {
                errors.Add(new FieldError("paths." + name, e.Code, $"paths.{name}: {e.Message}"));
            }
            else if (!seen.Add(path))
            {
                errors.Add(new FieldError("paths." + name, "path_duplicate", $"paths.{name}: {path} is already another directory of this pool."));
            }
        }
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in memberIds)
        {
            if (!members.Add(member))
            {
                errors.Add(new FieldError("hypervisors", HypervisorDuplicate, $"hypervisors: '{member}' is listed twice."));
            }
            else if (!knownHypervisors.Contains(member))
            {
                errors.Add(new FieldError("hypervisors", HypervisorUnknown, $"hypervisors: no hypervisor '{member}'."));
            }
        }
        return errors;
    }
}
