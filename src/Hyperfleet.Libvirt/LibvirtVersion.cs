namespace Hyperfleet.Libvirt;

/// <summary>Libvirt's integer version encoding: major * 1,000,000 + minor * 1,000 + release.</summary>
internal static class LibvirtVersion
{
    public static Version Decode(ulong encoded) =>
        new((int)(encoded / 1_000_000), (int)(encoded / 1_000 % 1_000), (int)(encoded % 1_000));
}
