using System.Net;
using System.Net.Sockets;
using Hyperfleet.Core.Overlay;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Vpn;

/// <summary>Reports every problem of <c>Hyperfleet:Vpn</c>, naming the setting to fix.</summary>
public sealed class VpnSettingsValidator : IValidateOptions<VpnSettings>
{
    public ValidateOptionsResult Validate(string? name, VpnSettings options)
    {
        var failures = new List<string>();
        if (!OverlayNetwork.TryParse(options.Network, out _, out var error))
        {
            failures.Add($"Hyperfleet:Vpn:Network (WG_HYPERS_NET): {error}");
        }
        if (options.Vni is < 1 or > 16_777_215)
        {
            failures.Add("Hyperfleet:Vpn:Vni must be between 1 and 16777215 (24 bits).");
        }
        if (options.BfdIntervalMs is < 50 or > 10_000)
        {
            failures.Add("Hyperfleet:Vpn:BfdIntervalMs must be between 50 and 10000.");
        }
        if (options.HandshakeTimeout < TimeSpan.FromSeconds(180))
        {
            failures.Add("Hyperfleet:Vpn:HandshakeTimeout must be at least 180 s: WireGuard rekeys every 120 s, a shorter timeout raises false alarms.");
        }
        if (options.Host is { Length: > 0 } && (!IPAddress.TryParse(options.Host, out var host) || host.AddressFamily != AddressFamily.InterNetwork))
        {
            failures.Add($"Hyperfleet:Vpn:Host (VPN_HOST) must be the VPN node's IPv4 address on the underlay, as hypervisors reach it (got '{options.Host}').");
        }
        if (options.Namespace is { Length: > 0 } ns && (ns.Length > 64 || ns.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            failures.Add($"Hyperfleet:Vpn:Namespace (VPN_NAMESPACE) '{ns}' is not a network namespace name.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
