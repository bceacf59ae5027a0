namespace Hyperfleet.Server.Data;

/// <summary>A row of <c>users</c>: admins, and later the owners of desktops.</summary>
public sealed class User
{
    public int Id { get; set; }
    public required string Username { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
