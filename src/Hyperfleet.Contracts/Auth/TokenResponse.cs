namespace Hyperfleet.Contracts.Auth;

/// <summary>A bearer token for <c>Authorization: Bearer</c>.</summary>
/// <param name="Token">The token; shown once, stored only as a hash.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
