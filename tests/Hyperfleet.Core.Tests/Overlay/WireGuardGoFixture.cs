using System.Diagnostics;
using System.Text;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

/// <summary>
/// A real wireguard-go on a fresh interface (<c>hft</c> + 5 digits), started once per test class and brought up
/// so that it binds its UDP port. Removed again, link and socket, when the class is done.
/// </summary>
public sealed class WireGuardGoFixture : IAsyncLifetime
{
    private const string WireGuardGo = "/usr/bin/wireguard-go";
    private readonly StringBuilder output = new();
    private Process? daemon;

    public WireGuardGoFixture()
    {
        // Another run (or a leftover) may hold a name; pick one that has neither a link nor a socket.
        do
        {
            InterfaceName = $"hft{Random.Shared.Next(100_000):D5}";
        }
        while (Directory.Exists($"/sys/class/net/{InterfaceName}") || File.Exists(SocketPath));
    }

    public string InterfaceName { get; }

    public string SocketPath => WireGuardUapi.SocketPathFor(InterfaceName);

    public WireGuardUapi Uapi => new(SocketPath, TimeSpan.FromSeconds(15));

    /// <summary>What wireguard-go printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo(WireGuardGo)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(InterfaceName);
        info.Environment["WG_PROCESS_FOREGROUND"] = "1";
        daemon = Process.Start(info) ?? throw new InvalidOperationException("wireguard-go did not start.");
        daemon.OutputDataReceived += (_, e) => Append(e.Data);
        daemon.ErrorDataReceived += (_, e) => Append(e.Data);
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (daemon.HasExited)
            {
                throw new InvalidOperationException($"wireguard-go exited with {daemon.ExitCode}:\n{Output}");
            }
            if (File.Exists(SocketPath))
            {
                try
                {
                    await Uapi.GetAsync();
                    break;
                }
                catch (WireGuardUapiException) when (DateTime.UtcNow < deadline)
                {
                    // The socket file can appear a moment before the daemon accepts on it.
                }
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"wireguard-go made no socket at {SocketPath} in 30 s:\n{Output}");
            }
            await Task.Delay(20);
        }

        var up = await WgTool.RunAsync("ip", ["link", "set", InterfaceName, "up"]);
        if (up.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip link set {InterfaceName} up failed: {up.Stderr}");
        }
    }

    public async Task DisposeAsync()
    {
        if (daemon is not null)
        {
            if (!daemon.HasExited)
            {
                daemon.Kill(entireProcessTree: true);
            }
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await daemon.WaitForExitAsync(deadline.Token);
            daemon.Dispose();
        }
        // wireguard-go usually takes its TUN and socket with it; make sure, ignoring "Cannot find device".
        await WgTool.RunAsync("ip", ["link", "del", InterfaceName]);
        File.Delete(SocketPath);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
