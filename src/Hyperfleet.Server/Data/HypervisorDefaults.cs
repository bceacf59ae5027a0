namespace Hyperfleet.Server.Data;

/// <summary>Defaults of the data model (ARCHITECTURE §3), the ones IsardVDI operators know.</summary>
public static class HypervisorDefaults
{
    public const string LocalId = "isard-hypervisor";
    public const int SshPort = 2022;
    public const string SshUser = "root";
    public const int InfrastructureMtu = 1500;
    public const int SpicePort = 80;
    public const int Html5Port = 443;
}
