using Hyperfleet.Core.Ssh;

namespace Hyperfleet.Agent;

/// <summary>
/// Puts the control plane's SSH public key into the SSH user's <c>~/.ssh/authorized_keys</c>, once, as <c>ssh-copy-id</c>
/// would: the engine then logs in with its own key, and no password is ever used.
/// </summary>
public static class AuthorizedKeys
{
    /// <summary>Adds <paramref name="publicKey"/> when no line has its type and blob; returns the file and whether it was added.</summary>
    public static (string Path, bool Added) Install(string user, string publicKey)
    {
        var home = HomeOf(user) ?? throw new InvalidOperationException($"user '{user}' is not in /etc/passwd");
        var dir = Path.Combine(home, ".ssh");
        var file = Path.Combine(dir, "authorized_keys");
        var keyOnly = SshPublicKeyText.KeyPart(publicKey);
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var existing = File.Exists(file) ? File.ReadAllText(file) : "";
        if (existing.Split('\n').Any(line => line.Contains(keyOnly, StringComparison.Ordinal)))
        {
            return (file, false);
        }
        var separator = existing.Length > 0 && !existing.EndsWith('\n') ? "\n" : "";
        File.AppendAllText(file, separator + publicKey.Trim() + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (file, true);
    }

    public static bool IsInstalled(string user, string publicKey)
    {
        var home = HomeOf(user);
        var file = home is null ? null : Path.Combine(home, ".ssh", "authorized_keys");
        return file is not null && File.Exists(file) && File.ReadAllText(file).Contains(SshPublicKeyText.KeyPart(publicKey), StringComparison.Ordinal);
    }

    private static string? HomeOf(string user) =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 6 && f[0] == user)?[5];
}
