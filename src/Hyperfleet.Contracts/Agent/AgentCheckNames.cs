namespace Hyperfleet.Contracts.Agent;

/// <summary>The self-checks an agent runs before it enables its host, and in every heartbeat.</summary>
public static class AgentCheckNames
{
    /// <summary>libvirtd answers and can create and destroy a (paused, diskless) test domain; desktop hosts.</summary>
    public const string Libvirt = "libvirt";

    /// <summary><c>qemu-img</c> runs and makes a qcow2 image in every storage pool; disk hosts.</summary>
    public const string Storage = "storage";

    /// <summary>The control plane answers over the pinned TLS channel with this host's credential.</summary>
    public const string ControlPlane = "control_plane";

    /// <summary>The control plane's CA (and the host's own proxy certificate, if any) are within their validity.</summary>
    public const string Certificates = "certificates";

    /// <summary>The control plane's SSH key is in the SSH user's <c>authorized_keys</c>.</summary>
    public const string SshKey = "ssh_key";

    /// <summary>The host's own video proxy listens (flavour <c>hypervisor</c>).</summary>
    public const string VideoProxy = "video_proxy";

    /// <summary>The host's side of the overlay is set up (WireGuard, Open vSwitch, its Geneve port), in its mode.</summary>
    public const string Overlay = "overlay";
}
