namespace Hyperfleet.Libvirt.Tests;

/// <summary>
/// Helpers for libvirt's built-in test driver. <c>test:///default</c> keeps one state per process,
/// shared by every connection (and so by tests running in parallel): each test uses its own domain names.
/// </summary>
internal static class TestDriver
{
    public const string Uri = "test:///default";

    /// <summary>The running domain the test driver starts with.</summary>
    public const string BuiltInDomain = "test";

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string MinimalDomainXml(string name) =>
        $"<domain type='test'><name>{name}</name><memory>1024</memory><os><type>hvm</type></os></domain>";

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
