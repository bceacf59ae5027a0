namespace Hyperfleet.Server.Data;

/// <summary>
/// A hypervisor's own credential (<c>hfh_…</c>): it acts only for that hypervisor (its video proxy's configuration,
/// reports and certificate requests; later its agent's routes). Only the SHA-256 hash is stored; at most one per
/// hypervisor, removed with it.
/// </summary>
public sealed class HypervisorCredential
{
    public long Id { get; set; }
    public required string HypervisorId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who issued it: an admin's name (later <c>agent</c> for a registration).</summary>
    public required string CreatedBy { get; set; }
}
