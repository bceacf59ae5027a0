namespace Hyperfleet.Contracts.Agent;

/// <summary>Stable codes of the agent's routes and of enrollment tokens.</summary>
public static class AgentProblemCodes
{
    /// <summary>The enrollment token is unknown, malformed or its secret is wrong; nothing more is said.</summary>
    public const string TokenInvalid = "token_invalid";

    /// <summary>The enrollment token's time is up.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>An admin revoked the enrollment token.</summary>
    public const string TokenRevoked = "token_revoked";

    /// <summary>The enrollment token has been used as many times as it allows.</summary>
    public const string TokenUsedUp = "token_used_up";

    /// <summary>The enrollment token is bound to another hypervisor id.</summary>
    public const string TokenWrongHypervisor = "token_wrong_hypervisor";

    /// <summary>Neither a token nor the hypervisor's own credential came with the registration.</summary>
    public const string TokenMissing = "token_missing";

    /// <summary>The host key sent is not an OpenSSH public key.</summary>
    public const string HostKeyInvalid = "host_key_invalid";

    /// <summary>
    /// The host key sent differs from the one pinned for that hypervisor: a reinstalled host, or another machine. An admin
    /// re-pins it, or creates a token bound to that hypervisor (<c>--hypervisor ID</c>), which lets it register the new key.
    /// </summary>
    public const string HostKeyMismatch = "host_key_mismatch";

    /// <summary>
    /// The hypervisor id is registered already (it has a credential or an admin added it): its own agent registers again
    /// with its credential; another host takes it over only with a token an admin bound to that id.
    /// </summary>
    public const string AlreadyRegistered = "already_registered";

    /// <summary>Another hypervisor is registered at the same hostname and SSH port.</summary>
    public const string HostAlreadyRegistered = "host_already_registered";

    /// <summary>A self-check failed: the hypervisor stays disabled with the failure as its detail.</summary>
    public const string ChecksFailed = "agent_checks_failed";

    /// <summary>An admin disabled the hypervisor: its agent does not enable it again until an admin does.</summary>
    public const string DisabledByAdmin = "disabled_by_admin";

    /// <summary>The control plane's side of the host is not ready yet (428, with <c>Retry-After</c>).</summary>
    public const string ConfigPending = "config_pending";

    /// <summary>The WireGuard public key sent is not 32 bytes of base64.</summary>
    public const string WgKeyInvalid = "wg_key_invalid";

    /// <summary>Every address of <c>WG_HYPERS_NET</c> is taken: an admin widens the overlay network or deletes hypervisors.</summary>
    public const string VpnAddressesExhausted = "vpn_addresses_exhausted";

    /// <summary>
    /// Another hypervisor has this WireGuard public key: a cloned host image (each host must make its own pair), or a key
    /// copied from an API answer. One key is one peer.
    /// </summary>
    public const string WgKeyInUse = "wg_key_in_use";
}
