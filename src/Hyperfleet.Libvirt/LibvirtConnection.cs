using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Events;
using Hyperfleet.Libvirt.Native;

namespace Hyperfleet.Libvirt;

/// <summary>
/// One connection to a libvirt driver (<c>qemu:///system</c>, <c>qemu+ssh://root@host:2022/system</c>,
/// <c>test:///default</c>…), with host queries, domain operations, keepalive and events.
/// </summary>
/// <remarks>
/// <para>Methods block on libvirt (an RPC round trip on remote URIs, longer while a peer is
/// unreachable); callers that must not block wrap them in <see cref="Task.Run(Action)"/>.</para>
/// <para>Thread safety: every method may be called from several threads at once, but the calls that
/// make a round trip are serialized per connection (and its domains). libvirt's client (9.0, Debian 12)
/// crashes or loses keepalive answers when several threads wait for replies on one connection with
/// keepalive on (seen on the testbed: eight parallel <c>virDomainCreateXML</c> → keepalive timeout, then
/// a segfault in libvirt.so). Callers that need calls side by side open more connections (the server's
/// start lanes do). <see cref="Dispose"/> may race with calls in progress: the native connection is
/// closed once the last of them returns; calls started afterwards throw <see cref="ObjectDisposedException"/>.</para>
/// <para>Every libvirt failure throws <see cref="LibvirtException"/>.</para>
/// </remarks>
public sealed partial class LibvirtConnection : IDisposable, IAsyncDisposable
{
    private readonly ConnectionHandle _handle;

    /// <summary>Serializes round trips on this connection and on the domains obtained from it.</summary>
    private readonly Lock _rpc = new();

    private LibvirtConnection(ConnectionHandle handle, string uri)
    {
        _handle = handle;
        Uri = uri;
    }

    /// <summary>The native handle, checked so that use after dispose names this type.</summary>
    private ConnectionHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            return _handle;
        }
    }

    /// <summary>The URI this connection was opened with.</summary>
    public string Uri { get; }

    /// <summary>
    /// Whether the connection is still usable (<c>virConnectIsAlive</c>): false once a remote peer is
    /// lost, for example after a keepalive timeout. Local drivers are always alive.
    /// </summary>
    /// <exception cref="LibvirtException">The call failed.</exception>
    public bool IsAlive =>
        LastError.Check(LibvirtNative.virConnectIsAlive(Handle), nameof(LibvirtNative.virConnectIsAlive)) == 1;

    /// <summary>
    /// Opens a connection (<c>virConnectOpenAuth</c> without an authentication callback, so nothing is
    /// ever prompted). Starts <see cref="LibvirtEventLoop"/> first, so that keepalive and events work.
    /// For SSH transports use key authentication, and add <c>?no_tty=1</c> to the URI so that ssh
    /// fails instead of asking for a password or a host key confirmation.
    /// </summary>
    /// <param name="uri">The libvirt URI.</param>
    /// <param name="readOnly">Open read-only (<c>VIR_CONNECT_RO</c>): queries and events only.</param>
    /// <returns>The open connection; dispose it to close.</returns>
    /// <exception cref="LibvirtException">The connection could not be opened; the message names the URI.</exception>
    public static LibvirtConnection Open(string uri, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        LibvirtEventLoop.EnsureStarted();

        var handle = LibvirtNative.virConnectOpenAuth(uri, 0, readOnly ? LibvirtNative.ConnectReadOnly : 0);
        if (handle.IsInvalid)
        {
            var error = LastError.ToException(nameof(LibvirtNative.virConnectOpenAuth));
            handle.Dispose();
            throw new LibvirtException(
                error.Code, error.Domain, error.Level, $"Cannot open libvirt connection '{uri}': {error.Message}", error.Operation);
        }

        var connection = new LibvirtConnection(handle, uri);
        try
        {
            connection.RegisterCloseCallback();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Turns on keepalive probes (<c>virConnectSetKeepAlive</c>): when <paramref name="count"/> probes
    /// in a row, one every <paramref name="intervalSeconds"/>, get no answer, libvirt closes the
    /// connection (raising <see cref="Closed"/> with <see cref="ConnectionCloseReason.KeepAlive"/>),
    /// about <c>interval × (count + 1)</c> seconds after the peer's last message.
    /// </summary>
    /// <param name="intervalSeconds">Seconds between probes; 0 or less turns keepalive off.</param>
    /// <param name="count">Unanswered probes tolerated before closing; 0 closes after one silent interval.</param>
    /// <returns>True when keepalive is on; false when the remote side does not support it.</returns>
    /// <exception cref="LibvirtException">The driver has no keepalive (local drivers such as <c>test://</c>) or the call failed.</exception>
    public bool SetKeepAlive(int intervalSeconds, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int result;
        lock (_rpc)
        {
            result = LibvirtNative.virConnectSetKeepAlive(Handle, intervalSeconds, (uint)count);
        }
        return LastError.Check(result, nameof(LibvirtNative.virConnectSetKeepAlive)) == 0;
    }

    /// <summary>Closes the connection, removing its callbacks first. Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_eventGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _lifecycle = null;
        }

        // ReleaseHandle deregisters the callbacks, then calls virConnectClose.
        _handle.Dispose();
    }

    /// <summary>Closes the connection like <see cref="Dispose"/> (closing is a short local call or one RPC).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => Uri;
}
