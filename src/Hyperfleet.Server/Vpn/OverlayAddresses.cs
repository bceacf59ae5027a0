using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Vpn;

/// <summary>
/// Gives a registering host its overlay address: the first free one of <c>WG_HYPERS_NET</c>, once. A host keeps it on
/// every later registration; only an address outside the network (the admin changed <c>WG_HYPERS_NET</c>) is replaced.
/// Two hosts racing for one address meet the unique index and one retries.
/// </summary>
public sealed class OverlayAddresses(HyperfleetDbContext db, IOptions<VpnSettings> settings)
{
    public OverlayNetwork Network { get; } = OverlayNetwork.Parse(settings.Value.Network);

    /// <summary>The address newly given to <paramref name="h"/>, or null when it keeps its own (or none is free).</summary>
    public async Task<string?> AssignAsync(Hypervisor h, CancellationToken ct)
    {
        if (h.VpnAddress is not null && System.Net.IPAddress.TryParse(h.VpnAddress, out var own) && Network.IsHostAddress(own))
        {
            return null;
        }
        var id = h.Id;
        var taken = await db.Hypervisors.AsNoTracking().Where(x => x.Id != id && x.VpnAddress != null).Select(x => x.VpnAddress).ToListAsync(ct);
        var free = Network.FirstFree(taken);
        h.VpnAddress = free?.ToString();
        return h.VpnAddress;
    }
}
