namespace Hyperfleet.Core.Desktops;

/// <summary>
/// Viewer ports on one hypervisor: pairs (VNC, SPICE) = (5900 + 2k, 5901 + 2k) inside the range the video proxies
/// accept (<c>VIDEO_HYPERVISOR_PORTS</c>, 5900–7899), so 1,000 desktops per host. Ports are chosen explicitly
/// (never libvirt's autoport) so the control plane knows them before the domain starts and can hand them to the proxy.
/// </summary>
public static class GraphicsPortAllocator
{
    /// <summary>First viewer port.</summary>
    public const int First = 5900;

    /// <summary>Last viewer port.</summary>
    public const int Last = 7899;

    /// <summary>How many pairs fit in the range.</summary>
    public const int PairCount = (Last - First + 1) / 2;

    /// <summary>
    /// The lowest pair none of whose ports is in <paramref name="used"/> (ports of desktops recorded on the host,
    /// and pairs that libvirt just refused as busy); null when the host has no free pair.
    /// </summary>
    public static GraphicsPorts? LowestFreePair(IEnumerable<int> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var taken = new bool[PairCount];
        foreach (var port in used)
        {
            if (port is >= First and <= Last)
            {
                taken[(port - First) / 2] = true;
            }
        }
        var free = Array.IndexOf(taken, false);
        return free < 0 ? null : PairAt(free);
    }

    /// <summary>The k-th pair (0-based).</summary>
    public static GraphicsPorts PairAt(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, PairCount);
        return new GraphicsPorts(First + (2 * k), First + (2 * k) + 1);
    }
}
