using System.Text.Json;
using Hyperfleet.Server.Api.Json;

namespace Hyperfleet.Cli.Client;

/// <summary>
/// The token saved by <c>hyperfleet login</c>, in <c>~/.config/hyperfleet/credentials.json</c> (mode 0600),
/// or <c>$HYPERFLEET_CONFIG_DIR</c>. <c>HYPERFLEET_TOKEN</c> overrides it for scripts.
/// </summary>
public sealed record CliCredentials(string Server, string Token, DateTimeOffset ExpiresAt)
{
    public const string DefaultServer = "http://127.0.0.1:8480";

    public static string Directory =>
        Environment.GetEnvironmentVariable("HYPERFLEET_CONFIG_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "hyperfleet");

    public static string FilePath => Path.Combine(Directory, "credentials.json");

    public static CliCredentials? Load()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CliCredentials>(File.ReadAllText(FilePath), ApiJson.Options);
        }
        catch (JsonException)
        {
            throw new CliException($"{FilePath} is damaged; run 'hyperfleet login' again.");
        }
    }

    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // The token is a credential: readable by its owner only, from the first byte written.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, ApiJson.Options);
        }
        File.Move(temp, FilePath, overwrite: true);
    }
}
