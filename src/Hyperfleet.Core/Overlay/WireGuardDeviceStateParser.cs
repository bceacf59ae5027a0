using System.Globalization;
using System.Security.Cryptography;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Reads the <c>key=value</c> lines of a UAPI <c>get=1</c> answer (without its <c>errno</c> line) into a
/// <see cref="WireGuardDeviceState"/>. Keys it does not know are skipped, so a newer daemon that reports more
/// does not break an older agent.
/// </summary>
internal static class WireGuardDeviceStateParser
{
    /// <exception cref="FormatException">A line is not <c>key=value</c> or a value is unreadable.</exception>
    public static WireGuardDeviceState Parse(string body)
    {
        string? devicePublicKey = null;
        var listenPort = 0;
        var peers = new List<WireGuardPeerState>();
        PeerBuilder? peer = null;
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"A UAPI line without key=value: '{Truncate(line)}'.");
            }
            var key = line[..equals];
            var value = line[(equals + 1)..];
            if (key == "public_key")
            {
                // Each public_key line opens the next peer's block; everything before the first is the device's.
                if (peer is not null)
                {
                    peers.Add(peer.Build());
                }
                peer = new PeerBuilder(PeerKey(value));
            }
            else if (peer is null)
            {
                switch (key)
                {
                    case "private_key":
                        devicePublicKey = PublicKeyOfHex(value);
                        break;
                    case "listen_port":
                        listenPort = ParseInt(key, value);
                        break;
                }
            }
            else
            {
                peer.Read(key, value);
            }
        }
        if (peer is not null)
        {
            peers.Add(peer.Build());
        }
        return new WireGuardDeviceState(devicePublicKey, listenPort, peers);
    }

    private static string PeerKey(string hex)
    {
        try
        {
            return WireGuardKeys.FromHex(hex);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The UAPI's public_key '{Truncate(hex)}' is not a key: {e.Message}", e);
        }
    }

    private static string PublicKeyOfHex(string hex)
    {
        Span<byte> privateKey = stackalloc byte[WireGuardKeys.KeySize];
        try
        {
            if (hex.Length != WireGuardKeys.HexLength
                || Convert.FromHexString(hex, privateKey, out _, out _) != System.Buffers.OperationStatus.Done)
            {
                // The value itself is a secret: never quote it.
                throw new FormatException("The UAPI's private_key is not 64 hex characters.");
            }
            return WireGuardKeys.PublicKeyOf(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    internal static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"The UAPI's {key} is not a number: '{Truncate(value)}'.");

    internal static long ParseLong(string key, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"The UAPI's {key} is not a number: '{Truncate(value)}'.");

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed class PeerBuilder(string publicKey)
    {
        private readonly List<string> allowedIps = [];
        private string? endpoint;
        private long handshakeSeconds;
        private long handshakeNanoseconds;
        private long rxBytes;
        private long txBytes;
        private int keepalive;

        public void Read(string key, string value)
        {
            switch (key)
            {
                case "endpoint":
                    endpoint = value;
                    break;
                case "allowed_ip":
                    allowedIps.Add(value);
                    break;
                case "last_handshake_time_sec":
                    handshakeSeconds = ParseLong(key, value);
                    break;
                case "last_handshake_time_nsec":
                    handshakeNanoseconds = ParseLong(key, value);
                    break;
                case "rx_bytes":
                    rxBytes = ParseLong(key, value);
                    break;
                case "tx_bytes":
                    txBytes = ParseLong(key, value);
                    break;
                case "persistent_keepalive_interval":
                    keepalive = ParseInt(key, value);
                    break;
            }
        }

        public WireGuardPeerState Build()
        {
            // The UAPI says 0 s for "never"; the epoch is not a handshake.
            DateTimeOffset? handshake = handshakeSeconds == 0
                ? null
                : DateTimeOffset.FromUnixTimeSeconds(handshakeSeconds).AddTicks(handshakeNanoseconds / 100);
            return new WireGuardPeerState(publicKey, endpoint, allowedIps, handshake, rxBytes, txBytes, keepalive);
        }
    }
}
