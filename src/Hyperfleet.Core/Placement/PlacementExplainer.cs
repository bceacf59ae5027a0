using System.Globalization;
using System.Text;

namespace Hyperfleet.Core.Placement;

/// <summary>
/// Builds the <see cref="PlacementFailure"/> of a desktop nothing can take. Runs only on failure, so it may
/// allocate: a refusal per host and one paragraph that groups hosts by reason.
/// </summary>
internal static class PlacementExplainer
{
    /// <summary>Hosts named one by one in a group before it is summarised as "N hosts …".</summary>
    private const int NamedMemoryHosts = 3;

    /// <summary>Ids quoted after "N hosts …".</summary>
    private const int QuotedIds = 5;

    public static PlacementFailure UnknownForcedHost(in PlacementRequest request)
    {
        var id = request.ForcedHostId!;
        return new PlacementFailure(
            [new PlacementRefusal(id, PlacementRefusalReason.UnknownHost, "not a known hypervisor")],
            Text($"Desktop {request.DesktopId} is forced to {id}, which is not a known hypervisor."));
    }

    public static PlacementFailure ForcedHostRefused(in PlacementRequest request, in HostSlot host, PlacementRefusalReason reason)
    {
        var refusal = new PlacementRefusal(host.Id, reason, Detail(host, reason, request));
        return new PlacementFailure(
            [refusal],
            Text($"Desktop {request.DesktopId} ({request.MemoryMib} MiB, pool {request.PoolId}) is forced to {host.Id}, which cannot take it: {refusal.Detail}."));
    }

    public static PlacementFailure NoHost(in PlacementRequest request, ReadOnlySpan<HostSlot> hosts, int pool)
    {
        var refusals = new List<PlacementRefusal>(hosts.Length);
        var headrooms = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (ref readonly var host in hosts)
        {
            if (host.Refuse(request.MemoryMib, pool, request.Vlan ?? 0, forcedHere: false) is { } reason)
            {
                refusals.Add(new PlacementRefusal(host.Id, reason, Detail(host, reason, request)));
                headrooms[host.Id] = host.Headroom;
            }
        }
        refusals.Sort((a, b) => string.CompareOrdinal(a.HostId, b.HostId));

        var text = new StringBuilder(Text($"No hypervisor can start desktop {request.DesktopId} ({request.MemoryMib} MiB, pool {request.PoolId}): "));
        if (refusals.Count == 0)
        {
            text.Append("no hypervisors are known");
        }
        var first = true;
        foreach (var group in refusals.GroupBy(r => r.Reason).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            if (!first)
            {
                text.Append("; ");
            }
            first = false;
            AppendGroup(text, group.Key, members, headrooms, request);
        }
        return new PlacementFailure(refusals, text.Append('.').ToString());
    }

    private static void AppendGroup(
        StringBuilder text, PlacementRefusalReason reason, List<PlacementRefusal> members,
        Dictionary<string, long> headrooms, in PlacementRequest request)
    {
        var limit = reason == PlacementRefusalReason.NotEnoughMemory ? NamedMemoryHosts : 1;
        if (members.Count <= limit)
        {
            text.AppendJoin("; ", members.Select(m => $"{m.HostId}: {m.Detail}"));
            return;
        }
        text.Append(Text($"{members.Count} hosts {Plural(reason, request)} ("))
            .AppendJoin(", ", members.Take(QuotedIds).Select(m => m.HostId))
            .Append(members.Count > QuotedIds ? ", …)" : ")");
        if (reason == PlacementRefusalReason.NotEnoughMemory)
        {
            // The closest candidate tells the admin how far off the fleet is.
            var closest = members.MaxBy(m => headrooms[m.HostId]);
            text.Append(Text($", the most room on {closest.HostId}: {closest.Detail}"));
        }
    }

    private static string Detail(in HostSlot host, PlacementRefusalReason reason, in PlacementRequest request) => reason switch
    {
        PlacementRefusalReason.Offline => "offline",
        PlacementRefusalReason.Disabled => "disabled",
        PlacementRefusalReason.NotHypervisor => "no hypervisor capability (disk operations only)",
        PlacementRefusalReason.OnlyForced => "takes only desktops forced to it",
        PlacementRefusalReason.PoolUnreachable => $"does not reach storage pool {request.PoolId}",
        PlacementRefusalReason.VlanMissing => Text($"its trunk does not carry VLAN {request.Vlan}"),
        PlacementRefusalReason.NoMemoryStats => "no memory stats yet",
        PlacementRefusalReason.NotEnoughMemory => Text(
            $"not enough free memory (free {host.FreeMib} MiB − reserved {host.ReservedMib} − min free {host.MinFreeMib} < {request.MemoryMib} needed)"),
        _ => "not a known hypervisor",
    };

    private static string Plural(PlacementRefusalReason reason, in PlacementRequest request) => reason switch
    {
        PlacementRefusalReason.Offline => "offline",
        PlacementRefusalReason.Disabled => "disabled",
        PlacementRefusalReason.NotHypervisor => "without hypervisor capability",
        PlacementRefusalReason.OnlyForced => "take only desktops forced to them",
        PlacementRefusalReason.PoolUnreachable => $"do not reach storage pool {request.PoolId}",
        PlacementRefusalReason.VlanMissing => Text($"do not carry VLAN {request.Vlan}"),
        PlacementRefusalReason.NoMemoryStats => "have no memory stats yet",
        PlacementRefusalReason.NotEnoughMemory => "lack free memory",
        _ => "unknown",
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
