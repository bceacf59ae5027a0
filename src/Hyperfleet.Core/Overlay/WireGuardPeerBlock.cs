using System.Globalization;
using System.Net;
using System.Text;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Writes the UAPI <c>set</c> request for one peer from a <see cref="WireGuardPeerSpec"/>. Every value is parsed
/// and written back in canonical form, never copied through, so a newline or <c>=</c> in caller input cannot
/// smuggle extra keys (say <c>replace_peers=true</c>) into the request.
/// </summary>
internal static class WireGuardPeerBlock
{
    /// <exception cref="ArgumentException">The spec is invalid; the message lists every problem.</exception>
    public static string Upsert(WireGuardPeerSpec spec)
    {
        var problems = new List<string>();
        if (!WireGuardKeys.IsValidKey(spec.PublicKey))
        {
            problems.Add("PublicKey is not a WireGuard key (32 bytes of base64)");
        }
        string? endpoint = null;
        if (spec.Endpoint is not null)
        {
            if (IPEndPoint.TryParse(spec.Endpoint, out var parsed) && parsed.Port > 0)
            {
                endpoint = parsed.ToString();
            }
            else
            {
                problems.Add($"Endpoint '{Printable(spec.Endpoint)}' is not an IP address with a port (192.0.2.7:51820, [2001:db8::7]:51820)");
            }
        }
        var allowedIps = new List<string>();
        foreach (var allowedIp in spec.AllowedIps ?? [])
        {
            // IPNetwork refuses a bare address, so "10.0.0.1" is an error rather than a guess at /32.
            if (allowedIp is not null && IPNetwork.TryParse(allowedIp, out var network))
            {
                allowedIps.Add(network.ToString());
            }
            else
            {
                problems.Add($"AllowedIps entry '{Printable(allowedIp)}' is not a CIDR network (10.0.0.0/24, fd00::/64)");
            }
        }
        if (spec.PersistentKeepaliveSeconds is < 0 or > 65535)
        {
            problems.Add($"PersistentKeepaliveSeconds {spec.PersistentKeepaliveSeconds} is outside 0–65535");
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid WireGuard peer: " + string.Join("; ", problems) + ".", nameof(spec));
        }

        var request = new StringBuilder("set=1\n")
            .Append("public_key=").Append(WireGuardKeys.ToHex(spec.PublicKey)).Append('\n')
            // Replace, not append: the spec is the whole desired list, and a re-run must not accumulate.
            .Append("replace_allowed_ips=true\n");
        foreach (var allowedIp in allowedIps)
        {
            request.Append("allowed_ip=").Append(allowedIp).Append('\n');
        }
        if (endpoint is not null)
        {
            request.Append("endpoint=").Append(endpoint).Append('\n');
        }
        if (spec.PersistentKeepaliveSeconds is { } keepalive)
        {
            request.Append("persistent_keepalive_interval=").Append(keepalive.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return request.Append('\n').ToString();
    }

    /// <summary>Caller input for an error message, with control characters made visible and length bounded.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }
        var shown = text.Length <= 60 ? text : text[..60] + "…";
        return shown.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
    }
}
