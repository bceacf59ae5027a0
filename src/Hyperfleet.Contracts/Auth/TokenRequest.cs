namespace Hyperfleet.Contracts.Auth;

/// <summary>Body of <c>POST /api/v1/auth/token</c>.</summary>
/// <param name="Username">User name.</param>
/// <param name="Password">Password.</param>
public sealed record TokenRequest(string? Username, string? Password);
