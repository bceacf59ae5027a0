using System.Security.Claims;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Auth;

/// <summary>
/// The one rule for what a hypervisor's credential may do: act for its own hypervisor, and nothing else. Admins may act
/// for any hypervisor. Every route that a hypervisor's credential reaches asks <see cref="MayActFor"/>.
/// </summary>
public static class HypervisorPrincipal
{
    public const string HypervisorClaim = "hyperfleet:hypervisor";

    public static ClaimsPrincipal Create(string hypervisorId, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, ActorName(hypervisorId)),
            new Claim(ClaimTypes.Role, Roles.Hypervisor),
            new Claim(HypervisorClaim, hypervisorId),
        ], scheme));

    /// <summary>How a hypervisor's own actions appear in its history.</summary>
    public static string ActorName(string hypervisorId) => "hypervisor:" + hypervisorId;

    /// <summary>The hypervisor this principal's credential belongs to, or null for a user.</summary>
    public static string? HypervisorOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Hypervisor) ? user.FindFirstValue(HypervisorClaim) : null;

    public static bool MayActFor(ClaimsPrincipal user, string hypervisorId) =>
        user.IsInRole(Roles.Admin) || string.Equals(HypervisorOf(user), hypervisorId, StringComparison.Ordinal);
}
