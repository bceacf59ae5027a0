using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Contracts.Agent;

/// <summary>Answer of <c>POST /api/v1/agent/register</c>.</summary>
/// <param name="Hypervisor">The hypervisor as registered: disabled and Offline until its agent's self-checks pass.</param>
/// <param name="Credential">
/// A new credential (<c>hfh_…</c>) that acts only on this hypervisor's own routes, when the registration used a token;
/// null when the agent registered with its credential (it keeps that one). Shown once: only its hash is stored.
/// </param>
/// <param name="ControlPlaneSshKey">The control plane's SSH public key, for the agent to install for the hypervisor's SSH user.</param>
/// <param name="Created">Whether the hypervisor row was created by this registration (false: a known host registered again).</param>
public sealed record AgentRegistrationResponse(
    HypervisorResponse Hypervisor,
    string? Credential,
    string ControlPlaneSshKey,
    bool Created);
