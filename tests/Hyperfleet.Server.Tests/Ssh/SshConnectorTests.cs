using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Ssh;
using Renci.SshNet.Common;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>Failure classification without a real sshd (the testbed suite covers real hosts).</summary>
public sealed class SshConnectorTests : IDisposable
{
    private readonly string dataDir = SshTestKeys.NewDataDir();
    private readonly ControlPlaneKeys keys;
    private readonly SshConnector connector;

    public SshConnectorTests()
    {
        keys = SshTestKeys.Keys(dataDir);
        connector = new SshConnector(keys);
    }

    public void Dispose()
    {
        connector.Dispose();
        keys.Dispose();
        Directory.Delete(dataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_IsSshUnreachableAtOnce()
    {
        var clock = Stopwatch.StartNew();

        var result = await connector.ProbeAsync(new SshTarget("127.0.0.1", FreePort(), "root", null), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("ssh_unreachable", result.Reason);
        Assert.StartsWith("cannot reach 127.0.0.1:", result.Detail, StringComparison.Ordinal);
        Assert.Null(result.HostKey);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ProbeAsync_NameThatDoesNotResolve_IsSshUnreachable()
    {
        var result = await connector.ProbeAsync(new SshTarget("no-such-host.invalid", 22, "root", null), CancellationToken.None);

        Assert.Equal("ssh_unreachable", result.Reason);
        Assert.Contains("no-such-host.invalid", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_ServerThatAcceptsAndSaysNothing_IsSshUnreachableWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var result = await connector.ProbeAsync(new SshTarget("127.0.0.1", port, "root", null), CancellationToken.None);

        Assert.Equal("ssh_unreachable", result.Reason);
        Assert.True(clock.Elapsed < SshConnector.ConnectTimeout + TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_Throws()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connector.ProbeAsync(new SshTarget("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port, "root", null), cancel.Token));
    }

    [Fact]
    public void Classify_PresentedKeyDiffersFromThePin_IsHostKeyMismatchNamingBothFingerprints()
    {
        var pinned = SshTestKeys.RandomHostKey();
        var presented = SshTestKeys.RandomHostKey();

        var result = SshConnector.Classify(new SshTarget("hv1", 2022, "root", pinned),
            new SshConnectionException("Key exchange negotiation failed."), mismatch: true, presented);

        Assert.Equal("host_key_mismatch", result.Reason);
        Assert.Contains(HostKeyFingerprint.Sha256(pinned)!, result.Detail, StringComparison.Ordinal);
        Assert.Contains(HostKeyFingerprint.Sha256(presented)!, result.Detail, StringComparison.Ordinal);
        Assert.Equal(presented, result.HostKey);
    }

    public static TheoryData<Exception, bool, string> Failures => new()
    {
        { new SshAuthenticationException("Permission denied (publickey)."), true, "ssh_auth_failed" },
        { new SocketException((int)SocketError.ConnectionRefused), false, "ssh_unreachable" },
        { new SocketException((int)SocketError.HostUnreachable), false, "ssh_unreachable" },
        { new SshOperationTimeoutException("Connection failed to establish within 3000 milliseconds."), false, "ssh_unreachable" },
        { new OperationCanceledException(), false, "ssh_unreachable" },
        { new SshConnectionException("An established connection was aborted by the server."), false, "ssh_unreachable" },
        { new SshConnectionException("Message type 80 is not valid in the current context."), true, "ssh_error" },
        { new InvalidOperationException("something else"), true, "ssh_error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_Failure_GetsItsReasonAndKeepsTheMessage(Exception failure, bool keyPresented, string reason)
    {
        var presented = keyPresented ? SshTestKeys.RandomHostKey() : null;

        var result = SshConnector.Classify(new SshTarget("hv1", 2022, "root", null), failure, mismatch: false, presented);

        Assert.False(result.Ok);
        Assert.Equal(reason, result.Reason);
        Assert.Contains(failure.Message, result.Detail, StringComparison.Ordinal);
        Assert.Equal(presented, result.HostKey);
    }
}
