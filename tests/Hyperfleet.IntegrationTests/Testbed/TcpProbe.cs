using System.Net.Sockets;
using System.Text;

namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>Raw TCP checks against testbed hosts.</summary>
public static class TcpProbe
{
    /// <summary>True when a TCP connection to <paramref name="host"/>:<paramref name="port"/> opens within the timeout.</summary>
    public static async Task<bool> CanConnectAsync(string host, int port, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Connects and returns the first bytes the server sends (e.g. "RFB 003.008" from VNC).</summary>
    public static async Task<string> ReadGreetingAsync(string host, int port, int length, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        await client.ConnectAsync(host, port, cts.Token);
        var stream = client.GetStream();
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, cts.Token);
        return Encoding.ASCII.GetString(buffer);
    }
}
