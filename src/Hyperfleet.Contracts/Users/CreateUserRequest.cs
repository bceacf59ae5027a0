namespace Hyperfleet.Contracts.Users;

/// <summary>Body of <c>POST /api/v1/users</c> (admins only).</summary>
/// <param name="Username">1–64 characters of <c>a-z 0-9 . _ -</c>, starting with a letter or digit.</param>
/// <param name="Password">At least 8 characters; stored only as a PBKDF2 hash.</param>
/// <param name="Role"><c>user</c> (owns and uses desktops) or <c>admin</c> (manages the fleet).</param>
public sealed record CreateUserRequest(string? Username, string? Password, string? Role);
