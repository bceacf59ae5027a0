namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>enrollment_tokens</c>: lets hosts register themselves (<c>hyperfleet agent</c>). Only the SHA-256 hash of
/// the whole token is stored; it expires, counts its uses and can be revoked (the row stays, for the record).
/// </summary>
public sealed class EnrollmentToken
{
    /// <summary>The public six characters before the dot.</summary>
    public required string Id { get; set; }
    public required string TokenHash { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The only hypervisor id it may register (and re-key), or null for any.</summary>
    public string? HypervisorId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int? UsesAllowed { get; set; }
    public int Uses { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
