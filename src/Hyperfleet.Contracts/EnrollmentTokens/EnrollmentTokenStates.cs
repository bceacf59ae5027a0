namespace Hyperfleet.Contracts.EnrollmentTokens;

/// <summary>Values of <see cref="EnrollmentTokenResponse.State"/>.</summary>
public static class EnrollmentTokenStates
{
    /// <summary>It registers hosts.</summary>
    public const string Active = "active";

    /// <summary>Its time is up.</summary>
    public const string Expired = "expired";

    /// <summary>All its uses are spent.</summary>
    public const string UsedUp = "used_up";

    /// <summary>An admin revoked it.</summary>
    public const string Revoked = "revoked";
}
