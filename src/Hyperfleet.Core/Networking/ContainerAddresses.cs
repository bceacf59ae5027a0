namespace Hyperfleet.Core.Networking;

/// <summary>Fixed host parts of the containers on the <c>DOCKER_NET</c> /24, as in the seed's compose layout.</summary>
public static class ContainerAddresses
{
    /// <summary>Host part of the VPN container (WireGuard and Geneve endpoint) on the control plane.</summary>
    public const int VpnHost = 23;

    /// <summary>Host part of the hypervisor container on a hypervisor.</summary>
    public const int HypervisorHost = 17;

    /// <summary>Port sshd listens on inside the hypervisor container.</summary>
    public const int HypervisorContainerSshPort = 22;

    /// <summary>The VPN container's address, e.g. <c>172.31.255.23</c>.</summary>
    public static string Vpn(string dockerNet) => $"{dockerNet}.{VpnHost}";

    /// <summary>The hypervisor container's address, e.g. <c>172.31.255.17</c>.</summary>
    public static string Hypervisor(string dockerNet) => $"{dockerNet}.{HypervisorHost}";
}
