namespace Hyperfleet.Server.Web;

/// <summary>Who is logged in to the web UI (<c>POST /api/v1/auth/login</c>, <c>GET /api/v1/auth/me</c>).</summary>
/// <param name="Username">User name.</param>
/// <param name="Role"><c>admin</c> or <c>user</c>.</param>
/// <param name="ExpiresAt">When the session ends, when known.</param>
public sealed record SessionResponse(string Username, string Role, DateTimeOffset? ExpiresAt);
