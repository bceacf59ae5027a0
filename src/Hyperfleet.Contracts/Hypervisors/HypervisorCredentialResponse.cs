namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>
/// Answer of <c>POST /api/v1/hypervisors/{id}/credential</c>: a credential that acts only for this hypervisor (its own
/// video proxy's configuration, session reports and certificate requests), never as an admin, never for another host.
/// Shown once: only its hash is stored. Issuing a new one revokes the previous.
/// </summary>
/// <param name="Credential">The bearer credential, <c>hfh_…</c>; keep it in a file of mode 0600 on the host.</param>
/// <param name="Hypervisor">The hypervisor it acts for.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record HypervisorCredentialResponse(string Credential, string Hypervisor, DateTimeOffset CreatedAt);
