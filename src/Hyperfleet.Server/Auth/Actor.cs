using System.Security.Claims;

namespace Hyperfleet.Server.Auth;

/// <summary>Who did something, as history rows and viewer tickets name them: the user's name, or <c>hypervisor:ID</c>.</summary>
public static class Actor
{
    public static string Of(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
