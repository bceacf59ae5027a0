namespace Hyperfleet.Video;

/// <summary>The hosts a proxy may dial. The control plane supplies the registry's standalone hypervisors; a host's own proxy, itself.</summary>
public interface IVideoAllowList
{
    bool IsAllowed(string host);
}

/// <summary>A fixed list (the seed's <c>VIDEO_HYPERVISOR_HOSTNAMES</c>), compared without case.</summary>
public sealed class AllowList(IEnumerable<string> hosts) : IVideoAllowList
{
    private readonly HashSet<string> hosts = new(hosts.Select(h => h.Trim()).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(string host) => hosts.Contains(host);

    public static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
