namespace Hyperfleet.Core.Validation;

/// <summary>Stable codes of <see cref="RuleError"/>. The API reports them; scripts may rely on them.</summary>
public static class RuleCodes
{
    /// <summary>Not a DNS name or IP address the control plane can use.</summary>
    public const string HostnameInvalid = "hostname_invalid";

    /// <summary>A loopback address or name (127.0.0.0/8, ::1, localhost, …), however it is written.</summary>
    public const string HostnameLoopback = "hostname_loopback";

    /// <summary>A link-local address (169.254.0.0/16, fe80::/10), however it is written.</summary>
    public const string HostnameLinkLocal = "hostname_link_local";

    /// <summary>The unspecified address (0.0.0.0/8, ::).</summary>
    public const string HostnameUnspecified = "hostname_unspecified";

    /// <summary>Not a slug: 1–63 lower-case letters, digits and dashes, starting and ending with a letter or digit.</summary>
    public const string IdInvalid = "id_invalid";

    /// <summary>A port outside 1–65535, or a range whose first port is above its last.</summary>
    public const string PortOutOfRange = "port_out_of_range";

    /// <summary>Not a POSIX user name (<c>[a-z_][a-z0-9_-]{0,31}</c>).</summary>
    public const string SshUserInvalid = "ssh_user_invalid";

    /// <summary>Neither the hypervisor nor the disk-operations capability is on.</summary>
    public const string NoCapability = "no_capability";

    /// <summary>Infrastructure MTU outside 1280–9216.</summary>
    public const string MtuOutOfRange = "mtu_out_of_range";

    /// <summary><c>DOCKER_NET</c> is not three decimal octets such as <c>172.31.255</c>.</summary>
    public const string DockerNetInvalid = "docker_net_invalid";
}
