namespace Hyperfleet.Core.Placement;

/// <summary>
/// The storage pools a host reaches, as a bitset over the fleet's small pool numbers: the first 64 pools in one
/// word (the common case, one AND per host), more in an array.
/// </summary>
internal readonly struct PoolSet
{
    private readonly ulong low;
    private readonly ulong[]? high;

    private PoolSet(ulong low, ulong[]? high)
    {
        this.low = low;
        this.high = high;
    }

    public static PoolSet Of(IEnumerable<int> poolNumbers)
    {
        ulong low = 0;
        ulong[]? high = null;
        foreach (var n in poolNumbers)
        {
            if (n < 64)
            {
                low |= 1UL << n;
                continue;
            }
            var word = (n >> 6) - 1;
            if (high is null || high.Length <= word)
            {
                Array.Resize(ref high, word + 1);
            }
            high[word] |= 1UL << (n & 63);
        }
        return new PoolSet(low, high);
    }

    /// <summary>Whether the pool numbered <paramref name="n"/> is in the set; false for a negative (unknown) pool.</summary>
    public bool Contains(int n)
    {
        if ((uint)n < 64)
        {
            return (low & (1UL << n)) != 0;
        }
        var word = (n >> 6) - 1;
        return n > 0 && high is not null && word < high.Length && (high[word] & (1UL << (n & 63))) != 0;
    }
}
