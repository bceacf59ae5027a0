using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// A client of wireguard-go's UAPI (the cross-platform configuration protocol, wireguard.com/xplatform): reads
/// the device's state and changes its key, port and peers without the <c>wg</c> tool, so the agent needs no
/// shell-out and gets typed errors.
/// </summary>
/// <remarks>
/// Each request opens its own connection: the daemon serves each connection one request at a time and
/// closes it on a malformed one, so sharing a connection would make one caller's mistake another's failure.
/// Every request carries a timeout because a hung daemon would otherwise hold the caller (a reconciler loop)
/// for ever. Peers are changed one at a time and never with <c>replace_peers</c>: a reconciler that works
/// from a partial view must not drop peers it did not mean to touch.
/// </remarks>
public sealed class WireGuardUapi
{
    /// <summary>How long a request may take, connect to answer, unless the constructor says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    // A get answer is ~300 bytes per peer; this cap only stops a broken daemon from filling memory.
    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly TimeSpan timeout;
    private readonly TimeProvider timeProvider;

    /// <summary>A client of the UAPI socket at <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">The daemon's socket, e.g. <c>/var/run/wireguard/wg0.sock</c> (see <see cref="SocketPathFor"/>).</param>
    /// <param name="timeout">Limit for one request; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="timeProvider">The clock the timeout runs on; the system clock when null.</param>
    public WireGuardUapi(string socketPath, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        SocketPath = socketPath;
        this.timeout = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.timeout, TimeSpan.Zero, nameof(timeout));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The UAPI socket this client talks to.</summary>
    public string SocketPath { get; }

    /// <summary>Where wireguard-go puts the socket of interface <paramref name="interfaceName"/>.</summary>
    public static string SocketPathFor(string interfaceName) => $"/var/run/wireguard/{interfaceName}.sock";

    /// <summary>The device's public key, listen port and peers; the private key is read only to derive the public key.</summary>
    /// <exception cref="WireGuardUapiException">The daemon is unreachable, timed out, refused, or answered something unreadable.</exception>
    public async Task<WireGuardDeviceState> GetAsync(CancellationToken cancellationToken = default)
    {
        var body = await ExchangeAsync("get=1\n\n", "get", cancellationToken);
        try
        {
            return WireGuardDeviceStateParser.Parse(body);
        }
        catch (FormatException e)
        {
            throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} gave an unreadable get answer: {e.Message}", inner: e);
        }
    }

    /// <summary>
    /// Sets the device's private key and, when given, its listen port (0 lets the daemon pick one). Peers stay
    /// as they are, except one whose public key is the device's own, which WireGuard drops.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not a base64 WireGuard key, or the port is outside 0–65535.</exception>
    /// <exception cref="WireGuardUapiException">The daemon is unreachable, timed out or refused.</exception>
    public async Task ConfigureDeviceAsync(string privateKeyBase64, int? listenPort, CancellationToken cancellationToken = default)
    {
        if (!WireGuardKeys.IsValidKey(privateKeyBase64))
        {
            throw new ArgumentException("Not a WireGuard private key: expected 32 bytes of base64.", nameof(privateKeyBase64));
        }
        if (listenPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(listenPort), listenPort, "A listen port is 0–65535.");
        }
        var request = new StringBuilder("set=1\n")
            .Append("private_key=").Append(WireGuardKeys.ToHex(privateKeyBase64)).Append('\n');
        if (listenPort is { } port)
        {
            request.Append("listen_port=").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        request.Append('\n');
        await ExchangeAsync(request.ToString(), "set (device)", cancellationToken);
    }

    /// <summary>
    /// Creates the peer or brings it to <paramref name="spec"/>: its allowed IPs are replaced by the spec's, its
    /// endpoint and keepalive set when the spec gives them. Other peers are not touched.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is invalid; the message lists every problem.</exception>
    /// <exception cref="WireGuardUapiException">The daemon is unreachable, timed out or refused.</exception>
    public async Task UpsertPeerAsync(WireGuardPeerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = WireGuardPeerBlock.Upsert(spec);
        await ExchangeAsync(request, "set (peer)", cancellationToken);
    }

    /// <summary>Removes the peer with this public key; removing one that is not there succeeds.</summary>
    /// <exception cref="ArgumentException">The key is not a base64 WireGuard key.</exception>
    /// <exception cref="WireGuardUapiException">The daemon is unreachable, timed out or refused.</exception>
    public async Task RemovePeerAsync(string publicKeyBase64, CancellationToken cancellationToken = default)
    {
        if (!WireGuardKeys.IsValidKey(publicKeyBase64))
        {
            throw new ArgumentException("Not a WireGuard public key: expected 32 bytes of base64.", nameof(publicKeyBase64));
        }
        var request = $"set=1\npublic_key={WireGuardKeys.ToHex(publicKeyBase64)}\nremove=true\n\n";
        await ExchangeAsync(request, "set (remove peer)", cancellationToken);
    }

    /// <summary>Sends one request on a fresh connection and returns the answer's lines before <c>errno=0</c>.</summary>
    private async Task<string> ExchangeAsync(string request, string operation, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var requestBytes = Encoding.ASCII.GetBytes(request);
        var answer = new ArrayBufferWriter<byte>(512);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), linked.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(requestBytes, linked.Token);
            var end = await ReadAnswerAsync(stream, answer, operation, linked.Token);
            return Interpret(answer.WrittenSpan[..end], operation);
        }
        catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WireGuardUapiException(SocketPath,
                $"wireguard-go at {SocketPath} did not answer {operation} within {timeout.TotalSeconds:0.#} s.", isTimeout: true, inner: e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            // .NET reports a missing socket file (ENOENT) as AddressNotAvailable; a file nobody listens on is refused.
            throw new WireGuardUapiException(SocketPath,
                $"wireguard-go is not running: {SocketPath} is missing or refuses connections ({e.SocketErrorCode}).", isUnavailable: true, inner: e);
        }
        catch (Exception e) when (Died(e))
        {
            // The daemon died in the middle of the exchange (killed, crashed): as unavailable as a missing socket.
            throw new WireGuardUapiException(SocketPath,
                $"wireguard-go at {SocketPath} went away during {operation} ({e.Message}).", isUnavailable: true, inner: e);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            throw new WireGuardUapiException(SocketPath, $"The UAPI {operation} on {SocketPath} failed: {e.Message}", inner: e);
        }
        finally
        {
            // Requests and get answers can hold the private key; do not leave copies in freed buffers.
            CryptographicOperations.ZeroMemory(requestBytes);
            answer.Clear();
        }
    }

    /// <summary>A connection reset or broken pipe: the peer process is gone.</summary>
    private static bool Died(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown
            or SocketError.ConnectionAborted;

    /// <summary>Reads until the blank line that ends every answer; returns the offset of that blank line.</summary>
    private async Task<int> ReadAnswerAsync(NetworkStream stream, ArrayBufferWriter<byte> answer, string operation, CancellationToken cancellationToken)
    {
        var searchFrom = 0;
        while (true)
        {
            var read = await stream.ReadAsync(answer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                // The daemon died (or is dying) mid-exchange: for the caller, as unavailable as a missing socket.
                throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} closed the connection before answering {operation}.",
                    isUnavailable: true);
            }
            answer.Advance(read);
            var end = answer.WrittenSpan[searchFrom..].IndexOf("\n\n"u8);
            if (end >= 0)
            {
                return searchFrom + end + 1;
            }
            if (answer.WrittenCount > MaxAnswerBytes)
            {
                throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} sent more than {MaxAnswerBytes} bytes for {operation}.");
            }
            searchFrom = answer.WrittenCount - 1;
        }
    }

    /// <summary>Splits off the final <c>errno=N</c> line; throws unless N is 0.</summary>
    private string Interpret(ReadOnlySpan<byte> answer, string operation)
    {
        var text = Encoding.ASCII.GetString(answer);
        if (text.Length < 2)
        {
            throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} answered {operation} with an empty answer.");
        }
        var lastLineStart = text.LastIndexOf('\n', text.Length - 2) + 1;
        var last = text[lastLineStart..^1];
        if (!last.StartsWith("errno=", StringComparison.Ordinal)
            || !int.TryParse(last.AsSpan("errno=".Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var errno))
        {
            throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} answered {operation} without an errno line.");
        }
        if (errno != 0)
        {
            throw new WireGuardUapiException(SocketPath, $"wireguard-go at {SocketPath} refused {operation}: errno={errno}.", errno);
        }
        return text[..lastLineStart];
    }
}
