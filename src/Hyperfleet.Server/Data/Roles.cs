namespace Hyperfleet.Server.Data;

/// <summary>User roles. Only <see cref="Admin"/> manages hypervisors.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string User = "user";
}
