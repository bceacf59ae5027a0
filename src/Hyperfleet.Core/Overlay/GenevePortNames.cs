using System.Security.Cryptography;
using System.Text;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Names of Geneve ports: <c>gnv</c> and 8 hex digits of the hypervisor id's SHA-256 (ids are up to 63 characters, an
/// interface name 15). The port also carries the id in <c>external_ids</c>, which is what the reconciler matches on.
/// </summary>
public static class GenevePortNames
{
    /// <summary>The key in <c>external_ids</c> that marks a port as Hyperfleet's, with the hypervisor id as value.</summary>
    public const string HypervisorKey = "hyperfleet-hypervisor";

    public static string For(string hypervisor) =>
        "gnv" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hypervisor)))[..8];
}
