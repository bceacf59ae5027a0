using System.Net;
using System.Net.Sockets;

namespace Hyperfleet.Video.Tests;

/// <summary>A loopback TCP server standing in for a desktop's VNC/SPICE port: sends a greeting, then echoes; counts connections.</summary>
public sealed class FakeDisplay : IAsyncDisposable
{
    public static readonly byte[] Greeting = "RFB 003.008\n"u8.ToArray();
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int accepted;

    public FakeDisplay()
    {
        listener.Start();
        loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections the display accepted: a refused viewer must leave this at 0.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref accepted);
                _ = EchoAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await stream.WriteAsync(Greeting, stop.Token);
                var buffer = new byte[65536];
                int read;
                while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
