namespace Hyperfleet.Contracts.Users;

/// <summary>Stable <c>code</c> values of the users routes' refusals (with <c>validation_failed</c>, <c>already_exists</c>
/// and <c>not_found</c> from <see cref="Problems.ProblemCodes"/>).</summary>
public static class UserProblemCodes
{
    /// <summary>An admin cannot delete the account they are using.</summary>
    public const string UserIsSelf = "user_is_self";

    /// <summary>The user is the last admin; create another admin first.</summary>
    public const string LastAdmin = "last_admin";

    /// <summary>The user still owns desktops; delete them first.</summary>
    public const string UserOwnsDesktops = "user_owns_desktops";

    /// <summary>Field code: the desktop's <c>owner</c> names no user.</summary>
    public const string UserUnknown = "user_unknown";
}
