using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Contracts.Agent;

/// <summary>
/// Body of <c>POST /api/v1/agent/register</c>: a host asks to be (or stay) a hypervisor. A first registration carries an
/// enrollment token; a known host's agent may instead present its own credential (<c>Authorization: Bearer hfh_…</c>),
/// so a host rebooted long after its token expired still comes back.
/// </summary>
/// <param name="Token">The enrollment token <c>&lt;id&gt;.&lt;secret&gt;</c>; null when the agent presents its credential.</param>
/// <param name="Hypervisor">The host's settings, as an admin would add it (the id is <c>HYPER_ID</c>).</param>
/// <param name="SshHostKey">The host's SSH host public key (OpenSSH format), read from its own file: the engine pins exactly this.</param>
/// <param name="AgentVersion">The agent's version.</param>
/// <param name="WgPublicKey">The host's WireGuard public key (base64); the host made the pair and keeps the private key.</param>
public sealed record AgentRegistrationRequest(
    string? Token,
    AddHypervisorRequest Hypervisor,
    string SshHostKey,
    string AgentVersion,
    string? WgPublicKey = null);
