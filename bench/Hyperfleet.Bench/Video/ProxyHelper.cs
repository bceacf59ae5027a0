using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using Hyperfleet.Video;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// The proxy under test in its own process (helper subcommand <c>video-proxy ADDRESS DISPLAYPORT PUBLICKEY</c>): the real
/// <see cref="VideoProxy"/> as <c>hyperfleet video-proxy</c> runs it (plain ws://, no logging), allowed to dial 127.0.0.1 at
/// the display's port. Says <c>ready BROWSERPORT SPICEPORT GCMODE</c>; answers <c>mem</c> with its memory after a full GC.
/// </summary>
public static class ProxyHelper
{
    public static async Task<int> RunAsync(string address, int displayPort, string publicKey)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        var options = new VideoProxyOptions
        {
            BrowserEndpoint = $"{address}:0",
            SpiceEndpoint = $"{address}:0",
            AllowedPorts = displayPort.ToString(CultureInfo.InvariantCulture),
        };
        await using var proxy = VideoProxy.Create(options, key, new AllowList(["127.0.0.1"]), new AcknowledgingSink(), certificate: null);
        await proxy.StartAsync();
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {proxy.BrowserPort} {proxy.SpicePort} {gc}"));
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            Console.WriteLine(line == "mem" ? Memory(proxy) : "?");
        }
        await proxy.StopAsync();
        return 0;
    }

    /// <summary><c>mem HEAP WORKINGSET OPEN</c>: live managed bytes and resident bytes after a full compacting GC, and open sessions.</summary>
    private static string Memory(VideoProxy proxy)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"mem {heap} {self.WorkingSet64} {proxy.Sessions.Open.Count}");
    }
}
