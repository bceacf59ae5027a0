namespace Hyperfleet.Core.Configuration;

/// <summary>
/// The <c>KEY=value</c> files operators know from <c>isardvdi.cfg</c>: one setting per line, <c>#</c> comments, blank
/// lines, optional single or double quotes around a value. A later line wins over an earlier one, as in a shell.
/// </summary>
public sealed class CfgFile
{
    private readonly Dictionary<string, (string Value, int Line)> values = new(StringComparer.Ordinal);

    private CfgFile(IReadOnlyList<string> problems) => Problems = problems;

    /// <summary>Lines that are not settings, each naming its line number.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<string> Keys => values.Keys;

    public static CfgFile Parse(string text)
    {
        var problems = new List<string>();
        var file = new CfgFile(problems);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? line[..eq].Trim() : "";
            if (eq <= 0 || !IsKey(key))
            {
                problems.Add($"line {i + 1}: '{lines[i].Trim()}' is not KEY=value");
                continue;
            }
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            file.values[key] = (value, i + 1);
        }
        return file;
    }

    /// <summary>The value, or null when the key is absent or empty (an empty value means "the default").</summary>
    public string? Get(string key) => values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

    /// <summary>
    /// <paramref name="text"/> with <paramref name="key"/> set to <paramref name="value"/>: the last line that sets it is
    /// rewritten in place (comments and order kept), or a line is added at the end.
    /// </summary>
    public static string Set(string text, string key, string value)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        if (lines is [""])
        {
            lines.Clear();
        }
        var at = lines.FindLastIndex(l => l.TrimStart().StartsWith(key + "=", StringComparison.Ordinal)
                                          || l.TrimStart().StartsWith("export " + key + "=", StringComparison.Ordinal));
        var setting = $"{key}={value}";
        if (at >= 0)
        {
            lines[at] = setting;
        }
        else
        {
            lines.Add(setting);
        }
        return string.Join('\n', lines) + "\n";
    }

    private static bool IsKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
