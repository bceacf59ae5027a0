using System.Diagnostics;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>The remote install command, run by a local shell in a throwaway home.</summary>
public sealed class SshKeyProvisionerTests : IDisposable
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHyperfleetTestKeyBlob0000000000000000000000 hyperfleet@cp";

    private readonly string home = SshTestKeys.NewDataDir();

    public void Dispose() => Directory.Delete(home, recursive: true);

    private string AuthorizedKeys => Path.Combine(home, ".ssh", "authorized_keys");

    private async Task<string> InstallAsync()
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(SshKeyProvisioner.InstallCommand(Key));
        info.Environment["HOME"] = home;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }

    [Fact]
    public async Task InstallCommand_NoSshDirectory_CreatesItOwnerOnlyWithTheKey()
    {
        Assert.Equal("added", await InstallAsync());

        Assert.Equal([Key], await File.ReadAllLinesAsync(AuthorizedKeys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(home, ".ssh")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AuthorizedKeys));
    }

    [Fact]
    public async Task InstallCommand_RunTwice_LeavesOneLine()
    {
        await InstallAsync();

        Assert.Equal("present", await InstallAsync());

        Assert.Single(await File.ReadAllLinesAsync(AuthorizedKeys), Key);
    }

    [Fact]
    public async Task InstallCommand_SameKeyInstalledByHandWithOptionsAndAnotherComment_CountsAsPresent()
    {
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        var byHand = "from=\"10.0.0.0/8\" " + string.Join(' ', Key.Split(' ').Take(2)) + " admin-pasted";
        await File.WriteAllTextAsync(AuthorizedKeys, byHand + "\n");

        Assert.Equal("present", await InstallAsync());

        Assert.Equal([byHand], await File.ReadAllLinesAsync(AuthorizedKeys));
    }

    [Fact]
    public async Task InstallCommand_LastLineWithoutNewline_KeepsBothKeysWhole()
    {
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        const string other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKey admin@laptop";
        await File.WriteAllTextAsync(AuthorizedKeys, other);

        await InstallAsync();

        Assert.Equal([other, Key], await File.ReadAllLinesAsync(AuthorizedKeys));
    }
}
