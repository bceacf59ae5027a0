namespace Hyperfleet.Server.Data;

/// <summary>User roles. Only <see cref="Admin"/> manages hypervisors.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string User = "user";

    /// <summary>A hypervisor's own credential (<see cref="HypervisorCredential"/>): never a user's role.</summary>
    public const string Hypervisor = "hypervisor";
}
