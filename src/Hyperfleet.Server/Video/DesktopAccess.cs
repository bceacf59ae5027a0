using System.Security.Claims;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Video;

/// <summary>Interim owner rule until the users work lands: admins use every desktop, a user only their own.</summary>
public static class DesktopAccess
{
    public static bool MayUse(ClaimsPrincipal user, Desktop desktop) =>
        user.IsInRole(Roles.Admin) || string.Equals(user.Identity?.Name, desktop.Owner, StringComparison.Ordinal);
}
