using System.Security.Claims;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// The one rule for who may act on a desktop: an admin on every desktop, a <c>user</c> only on the desktops they own.
/// Routes that touch one desktop on a user's behalf (get, start, stop, viewer tickets) ask <see cref="MayUse(ClaimsPrincipal, Desktop)"/>
/// and answer <c>404 not_found</c> when it says no, so another's ids are never disclosed; lists filter with
/// <see cref="VisibleTo"/>, the same rule as a query.
/// </summary>
public static class DesktopAccess
{
    /// <summary>True when <paramref name="principal"/> may see, start, stop and view <paramref name="desktop"/>.</summary>
    public static bool MayUse(ClaimsPrincipal principal, Desktop desktop) => MayUse(principal, desktop.Owner);

    /// <summary>True when <paramref name="principal"/> may act on a desktop owned by <paramref name="owner"/>.</summary>
    public static bool MayUse(ClaimsPrincipal principal, string owner) =>
        SeesAll(principal) || (OwnerName(principal) is { } name && name == owner);

    /// <summary>Narrows <paramref name="desktops"/> to those <paramref name="principal"/> may use.</summary>
    public static IQueryable<Desktop> VisibleTo(this IQueryable<Desktop> desktops, ClaimsPrincipal principal)
    {
        if (SeesAll(principal))
        {
            return desktops;
        }
        var name = OwnerName(principal);
        return name is null ? desktops.Where(_ => false) : desktops.Where(d => d.Owner == name);
    }

    private static bool SeesAll(ClaimsPrincipal principal) => principal.IsInRole(Roles.Admin);

    /// <summary>The name a plain user owns desktops under; null for anyone else (anonymous, unknown roles).</summary>
    private static string? OwnerName(ClaimsPrincipal principal) =>
        principal.IsInRole(Roles.User) && principal.Identity?.Name is { Length: > 0 } name ? name : null;
}
