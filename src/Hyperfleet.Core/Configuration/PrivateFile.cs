namespace Hyperfleet.Core.Configuration;

/// <summary>Files only their owner reads (credentials, a config holding a token): created 0600, never readable by others for an instant.</summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAllTextAsync(string path, string text, CancellationToken ct)
    {
        await using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), ct);
        }
        // An existing file keeps its mode on truncation: set it.
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
