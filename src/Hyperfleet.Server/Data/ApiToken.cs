namespace Hyperfleet.Server.Data;

/// <summary>A bearer token. Only its SHA-256 hash is stored, so a database leak does not leak tokens.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
