using System.Globalization;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// VLAN ids as hosts carry them on a trunk (802.1Q: 1–4094), and their interface names (<c>v&lt;id&gt;</c>, the seed's).
/// One owner for the agent's config, its detection, the API and the database's text form.
/// </summary>
public static class VlanIds
{
    public const int Min = 1;
    public const int Max = 4094;

    public static bool IsValid(int id) => id is >= Min and <= Max;

    /// <summary>The host's interface of a VLAN: <c>v100</c>.</summary>
    public static string InterfaceName(int id) => "v" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Ascending, without duplicates, comma-separated: the database's form.</summary>
    public static string Format(IEnumerable<int> ids) => string.Join(',', ids.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The ids of <see cref="Format"/>'s text (or a config list with spaces or commas); bad entries are skipped.</summary>
    public static IReadOnlyList<int> Parse(string? text) =>
        (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(IsValid).Distinct().Order().ToList();

    /// <summary>Whether <paramref name="name"/> can be a Linux interface name (1–15 characters, no '/', ':' or space).</summary>
    public static bool IsInterfaceName(string? name) =>
        name is { Length: >= 1 and <= 15 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name is not ("." or "..");
}
