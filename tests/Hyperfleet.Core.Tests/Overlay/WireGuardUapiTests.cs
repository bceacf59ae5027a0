using System.Net;
using System.Net.Sockets;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

/// <summary>The UAPI client against a real wireguard-go, checked against what the real <c>wg show … dump</c> reads.</summary>
public sealed class WireGuardUapiTests(WireGuardGoFixture daemon) : IClassFixture<WireGuardGoFixture>
{
    [Fact]
    public async Task ConfigureDeviceAsync_KeyAndPort_GetAndWgShowReportPublicKeyOnly()
    {
        var device = WireGuardKeys.Generate();
        var port = FreeUdpPort();

        await daemon.Uapi.ConfigureDeviceAsync(device.PrivateKey, port);
        var state = await daemon.Uapi.GetAsync();

        Assert.Equal(device.PublicKey, state.PublicKey);
        Assert.Equal(port, state.ListenPort);
        Assert.DoesNotContain(device.PrivateKey, state.ToString(), StringComparison.Ordinal);
        var dump = await WgDumpAsync();
        Assert.Equal([device.PrivateKey, device.PublicKey, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], dump.Interface[..3]);
    }

    [Fact]
    public async Task ConfigureDeviceAsync_PortInUse_ThrowsWithErrno()
    {
        await EnsureDeviceKeyAsync();
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Any, 0));
        var taken = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<WireGuardUapiException>(
            () => daemon.Uapi.ConfigureDeviceAsync(WireGuardKeys.Generate().PrivateKey, taken));

        Assert.NotNull(error.Errno);
        Assert.True(error.Errno < 0, error.Message);
        Assert.False(error.IsUnavailable);
        Assert.Contains(daemon.SocketPath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"errno={error.Errno}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertPeerAsync_UpdateOneOfTwo_OtherUntouchedAndWgAgrees()
    {
        await EnsureDeviceKeyAsync();
        var first = WireGuardKeys.Generate().PublicKey;
        var second = WireGuardKeys.Generate().PublicKey;
        await daemon.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(first, "192.0.2.10:51820", ["10.91.1.0/24", "fd91:1::/64"], 25));
        await daemon.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(second, "[2001:db8::20]:51821", ["10.91.2.0/24"], 0));

        await daemon.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(first, null, ["10.91.3.7/32"], null));

        var state = await daemon.Uapi.GetAsync();
        var updated = Assert.Single(state.Peers, p => p.PublicKey == first);
        Assert.Equal(["10.91.3.7/32"], updated.AllowedIps);
        Assert.Equal("192.0.2.10:51820", updated.Endpoint);
        Assert.Equal(25, updated.PersistentKeepaliveSeconds);
        var untouched = Assert.Single(state.Peers, p => p.PublicKey == second);
        Assert.Equal(["10.91.2.0/24"], untouched.AllowedIps);
        Assert.Equal("[2001:db8::20]:51821", untouched.Endpoint);
        Assert.Equal(0, untouched.PersistentKeepaliveSeconds);
        Assert.Null(untouched.LastHandshake);
        await AssertWgAgreesAsync(state);
    }

    [Fact]
    public async Task RemovePeerAsync_OneOfTwo_OtherRemainsAndWgAgrees()
    {
        await EnsureDeviceKeyAsync();
        var kept = WireGuardKeys.Generate().PublicKey;
        var removed = WireGuardKeys.Generate().PublicKey;
        await daemon.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(kept, null, ["10.92.1.0/24"]));
        await daemon.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(removed, "192.0.2.30:51820", ["10.92.2.0/24"]));

        await daemon.Uapi.RemovePeerAsync(removed);
        await daemon.Uapi.RemovePeerAsync(WireGuardKeys.Generate().PublicKey); // unknown: a no-op

        var state = await daemon.Uapi.GetAsync();
        Assert.DoesNotContain(state.Peers, p => p.PublicKey == removed);
        var remaining = Assert.Single(state.Peers, p => p.PublicKey == kept);
        Assert.Equal(["10.92.1.0/24"], remaining.AllowedIps);
        Assert.Null(remaining.Endpoint);
        await AssertWgAgreesAsync(state);
    }

    [Fact]
    public async Task GetAsync_MissingSocket_IsUnavailable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hft-missing-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<WireGuardUapiException>(() => new WireGuardUapi(path).GetAsync());

        Assert.True(error.IsUnavailable);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SocketNobodyListensOn_IsUnavailable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hft-dead-{Guid.NewGuid():N}.sock");
        try
        {
            // A daemon that died leaves its socket file behind: connecting to it is refused.
            using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                dead.Bind(new UnixDomainSocketEndPoint(path));
            }

            var error = await Assert.ThrowsAsync<WireGuardUapiException>(() => new WireGuardUapi(path).GetAsync());

            Assert.True(error.IsUnavailable);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task GetAsync_DaemonNeverAnswers_TimesOut()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hft-hung-{Guid.NewGuid():N}.sock");
        try
        {
            // Listening but never accepting: the connect completes from the backlog and no answer ever comes.
            using var hung = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            hung.Bind(new UnixDomainSocketEndPoint(path));
            hung.Listen(1);

            var error = await Assert.ThrowsAsync<WireGuardUapiException>(
                () => new WireGuardUapi(path, TimeSpan.FromMilliseconds(300)).GetAsync());

            Assert.True(error.IsTimeout);
            Assert.False(error.IsUnavailable);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)] // closed: the reader sees the end of the stream
    [InlineData(true)] // aborted with unread data: the reader sees a reset
    public async Task GetAsync_DaemonDiesMidExchange_IsUnavailable_SoTheCallerStartsItAgain(bool reset)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hft-dying-{Guid.NewGuid():N}.sock");
        try
        {
            using var dying = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            dying.Bind(new UnixDomainSocketEndPoint(path));
            dying.Listen(1);
            var server = Task.Run(async () =>
            {
                using var connection = await dying.AcceptAsync();
                if (reset)
                {
                    // A killed process with the request unread: the kernel resets the connection.
                    connection.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    await connection.ReceiveAsync(new byte[64]);
                }
                connection.Close();
            });

            var error = await Assert.ThrowsAsync<WireGuardUapiException>(() => new WireGuardUapi(path, TimeSpan.FromSeconds(10)).GetAsync());
            await server;

            Assert.True(error.IsUnavailable, error.Message);
            Assert.False(error.IsTimeout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("192.0.2.1:51820\nreplace_peers=true", "10.0.0.0/24")]
    [InlineData("192.0.2.1", "10.0.0.0/24")] // no port
    [InlineData("vpn.example.org:51820", "10.0.0.0/24")] // wireguard-go does not resolve names
    [InlineData(null, "10.0.0.0/24\nreplace_peers=true")]
    [InlineData(null, "10.0.0.1")] // not CIDR
    [InlineData(null, "10.0.0.0/33")]
    public async Task UpsertPeerAsync_InjectionOrMalformedValue_ThrowsBeforeSending(string? endpoint, string allowedIp)
    {
        // A socket that does not exist: reaching it would throw WireGuardUapiException, not ArgumentException.
        var uapi = new WireGuardUapi(Path.Combine(Path.GetTempPath(), $"hft-never-{Guid.NewGuid():N}.sock"));
        var spec = new WireGuardPeerSpec(WireGuardKeys.Generate().PublicKey, endpoint, [allowedIp]);

        await Assert.ThrowsAsync<ArgumentException>(() => uapi.UpsertPeerAsync(spec));
    }

    [Fact]
    public async Task UpsertPeerAsync_SeveralProblems_NamesEveryOne()
    {
        var uapi = new WireGuardUapi(Path.Combine(Path.GetTempPath(), $"hft-never-{Guid.NewGuid():N}.sock"));
        var spec = new WireGuardPeerSpec("not-a-key", "nowhere", ["10.0.0.0/24", "x"], -1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => uapi.UpsertPeerAsync(spec));

        Assert.Contains("PublicKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PersistentKeepaliveSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureDeviceAndRemovePeer_InvalidKey_ThrowBeforeSending()
    {
        var uapi = new WireGuardUapi(Path.Combine(Path.GetTempPath(), $"hft-never-{Guid.NewGuid():N}.sock"));

        await Assert.ThrowsAsync<ArgumentException>(() => uapi.ConfigureDeviceAsync("private_key=00\n", null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => uapi.ConfigureDeviceAsync(WireGuardKeys.Generate().PrivateKey, 70000));
        await Assert.ThrowsAsync<ArgumentException>(() => uapi.RemovePeerAsync("abc\nremove=true"));
    }

    /// <summary>Tests run in any order: give the device a key unless an earlier test did.</summary>
    private async Task EnsureDeviceKeyAsync()
    {
        if ((await daemon.Uapi.GetAsync()).PublicKey is null)
        {
            await daemon.Uapi.ConfigureDeviceAsync(WireGuardKeys.Generate().PrivateKey, 0);
        }
    }

    /// <summary>Every peer the UAPI client read, as <c>wg show dump</c> reads it (counters aside: they move).</summary>
    private async Task AssertWgAgreesAsync(WireGuardDeviceState state)
    {
        var dump = await WgDumpAsync();
        Assert.Equal(state.PublicKey, dump.Interface[1]);
        Assert.Equal(state.Peers.Count, dump.Peers.Count);
        foreach (var peer in state.Peers)
        {
            var row = Assert.Single(dump.Peers, r => r[0] == peer.PublicKey);
            Assert.Equal(peer.Endpoint ?? "(none)", row[2]);
            Assert.Equal(peer.AllowedIps.Count == 0 ? "(none)" : string.Join(',', peer.AllowedIps), row[3]);
            Assert.Equal(peer.LastHandshake?.ToUnixTimeSeconds() ?? 0, long.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(peer.PersistentKeepaliveSeconds == 0 ? "off" : peer.PersistentKeepaliveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), row[7]);
        }
    }

    private async Task<(string[] Interface, List<string[]> Peers)> WgDumpAsync()
    {
        var lines = (await WgTool.WgAsync(null, "show", daemon.InterfaceName, "dump"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();
        return (lines[0], lines.Skip(1).ToList());
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Any, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
