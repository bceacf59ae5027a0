namespace Hyperfleet.Server.Storage;

/// <summary>
/// Paths of pools and disks: absolute, already normalised (no <c>.</c> or <c>..</c> components, no doubled or
/// trailing slash), printable, and under the pool's mountpoint. They go into shell commands on hypervisors, so
/// they are also quoted there; this rule keeps them meaningful.
/// </summary>
public static class StoragePathRule
{
    public const int MaxLength = 1024;

    /// <summary>Stable codes of the rule.</summary>
    public const string NotAbsolute = "path_not_absolute";
    public const string NotNormalised = "path_not_normalised";
    public const string OutsideMountpoint = "path_outside_mountpoint";
    public const string Invalid = "path_invalid";

    /// <summary>Checks an absolute, normalised path; returns (code, message) or null.</summary>
    public static (string Code, string Message)? Validate(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path.Any(char.IsControl))
        {
            return (Invalid, $"give a path of 1 to {MaxLength} printable characters.");
        }
        if (path[0] != '/')
        {
            return (NotAbsolute, $"'{path}' is not absolute: start it with /.");
        }
        if (path == "/")
        {
            return (Invalid, "the root directory cannot be used.");
        }
        var parts = path[1..].Split('/');
        if (path.EndsWith('/') || parts.Any(p => p.Length == 0 || p == "." || p == ".."))
        {
            return (NotNormalised, $"'{path}' is not normalised: no '.', '..', doubled or trailing slashes (e.g. /opt/isard/bases).");
        }
        return null;
    }

    /// <summary>Checks a path that must lie strictly inside <paramref name="mountpoint"/>.</summary>
    public static (string Code, string Message)? ValidateUnder(string? path, string mountpoint)
    {
        if (Validate(path) is { } error)
        {
            return error;
        }
        return IsUnder(path!, mountpoint) ? null : (OutsideMountpoint, $"'{path}' is not inside the mountpoint {mountpoint}.");
    }

    public static bool IsUnder(string path, string mountpoint) =>
        path.StartsWith(mountpoint.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The directory holding <paramref name="path"/>.</summary>
    public static string DirectoryOf(string path) => path[..path.LastIndexOf('/')] is { Length: > 0 } dir ? dir : "/";
}
