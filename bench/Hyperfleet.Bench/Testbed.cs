using System.Diagnostics;

namespace Hyperfleet.Bench;

/// <summary>Drives tools/testbed/testbed.</summary>
public sealed class Testbed(string script)
{
    /// <summary>The testbed script's path.</summary>
    public string Script => script;

    public static Testbed Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hyperfleet.slnx")))
        {
            dir = dir.Parent;
        }
        return new Testbed(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repo root not found"), "tools", "testbed", "testbed"));
    }

    public async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"testbed {string.Join(' ', args)} failed: {stderr}");
        }
        return stdout.Trim();
    }
}
