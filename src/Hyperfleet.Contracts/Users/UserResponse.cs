namespace Hyperfleet.Contracts.Users;

/// <summary>One user, as <c>GET /api/v1/users</c> lists it; never its password hash.</summary>
/// <param name="Username">User name, also the <c>owner</c> of their desktops.</param>
/// <param name="Role"><c>user</c> or <c>admin</c>.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="Desktops">How many desktops they own.</param>
public sealed record UserResponse(string Username, string Role, DateTimeOffset CreatedAt, int Desktops);
