using System.Diagnostics;
using System.Globalization;
using Hyperfleet.IntegrationTests.Testbed;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// Debian's <c>remote-viewer</c> (virt-viewer) opening a <c>.vv</c> file on an Xvfb display of its own, as a user's
/// desktop would; screenshots of the whole screen say whether the desktop's display is shown.
/// </summary>
public sealed class RemoteViewerScreen : IAsyncDisposable
{
    private readonly Process xvfb;
    private readonly Process viewer;
    private readonly string display;

    private RemoteViewerScreen(Process xvfb, Process viewer, string display)
    {
        this.xvfb = xvfb;
        this.viewer = viewer;
        this.display = display;
    }

    /// <summary>What remote-viewer printed (its errors say why a connection failed).</summary>
    public string Output => viewerOutput.ToString();

    private readonly System.Text.StringBuilder viewerOutput = new();

    /// <summary>Starts Xvfb on a free display number and remote-viewer on it with <paramref name="vvPath"/>.</summary>
    public static async Task<RemoteViewerScreen> OpenAsync(string vvPath)
    {
        var number = Random.Shared.Next(200, 900);
        var display = ":" + number.ToString(CultureInfo.InvariantCulture);
        var xvfb = Start("/usr/bin/Xvfb", [display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"], null);
        var socket = $"/tmp/.X11-unix/X{number}";
        for (var i = 0; i < 100 && !File.Exists(socket); i++)
        {
            await Task.Delay(100);
        }
        var viewer = Start("/usr/bin/remote-viewer", ["--debug", vvPath], display);
        var screen = new RemoteViewerScreen(xvfb, viewer, display);
        viewer.OutputDataReceived += (_, e) => { lock (screen.viewerOutput) { screen.viewerOutput.AppendLine(e.Data); } };
        viewer.ErrorDataReceived += (_, e) => { lock (screen.viewerOutput) { screen.viewerOutput.AppendLine(e.Data); } };
        viewer.BeginOutputReadLine();
        viewer.BeginErrorReadLine();
        return screen;
    }

    /// <summary>Whether remote-viewer is still running (it quits when the connection is refused).</summary>
    public bool ViewerRunning => !viewer.HasExited;

    /// <summary>
    /// Saves the screen as PNG and measures the top of remote-viewer's window (where the guest's text is drawn, below its
    /// chrome): mean brightness and standard deviation, 0…1. remote-viewer's own "connecting" page is mid-grey; a guest's
    /// text console is black with light text.
    /// </summary>
    public async Task<(double Mean, double Spread)> ScreenshotAsync(string path)
    {
        (await CommandRunner.RunAsync("/usr/bin/import", ["-display", display, "-window", "root", path])).EnsureSuccess();
        var result = (await CommandRunner.RunAsync("/usr/bin/convert",
            [path, "-crop", "600x160+0+45", "+repage", "-format", "%[fx:mean] %[fx:standard_deviation]", "info:"])).EnsureSuccess();
        var parts = result.StandardOutput.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { viewer, xvfb })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }

    private static Process Start(string file, string[] arguments, string? display)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (display is not null)
        {
            info.Environment["DISPLAY"] = display;
            // No session bus here: GLib must not wait for one.
            info.Environment["GSETTINGS_BACKEND"] = "memory";
            info.Environment["NO_AT_BRIDGE"] = "1";
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
    }
}
