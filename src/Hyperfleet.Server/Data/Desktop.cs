namespace Hyperfleet.Server.Data;

/// <summary>A row of <c>desktops</c>: a virtual desktop, its disk (an overlay of its template) and where it runs.</summary>
public sealed class Desktop
{
    public required string Id { get; set; }
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "admin";
    public required string TemplateId { get; set; }
    public required string PoolId { get; set; }
    public required string DiskPath { get; set; }
    public int MemoryMib { get; set; }
    public int Vcpus { get; set; }

    /// <summary>One of <see cref="DesktopStatuses"/>.</summary>
    public string Status { get; set; } = DesktopStatuses.Creating;
    public string? StatusDetail { get; set; }
    public DateTimeOffset StatusSince { get; set; }

    /// <summary>The hypervisor it runs on (or last ran on); null when it never started.</summary>
    public string? HypervisorId { get; set; }
    public string? ForcedHypervisorId { get; set; }
    public string? FavouriteHypervisorId { get; set; }

    /// <summary>Its VLAN network: a NIC on VLAN <c>v&lt;id&gt;</c>, on a hypervisor whose trunk carries it.</summary>
    public int? Vlan { get; set; }
    public int? VncPort { get; set; }
    public int? SpicePort { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bumped on every write; guards the API, the lifecycle listener and reconciliation against lost updates.</summary>
    public long Version { get; set; }
}

/// <summary>
/// Desktop statuses: ARCHITECTURE §3's <c>Stopped</c>, <c>Starting</c>, <c>Started</c>, <c>Stopping</c>, <c>Failed</c>,
/// <c>Unknown</c>, plus <c>Creating</c>, <c>Updating</c> (its disk grows) and <c>Deleting</c> while a disk task works on its disk.
/// </summary>
public static class DesktopStatuses
{
    public const string Creating = "Creating";
    public const string Stopped = "Stopped";
    public const string Starting = "Starting";
    public const string Started = "Started";
    public const string Stopping = "Stopping";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
    public const string Updating = "Updating";
    public const string Deleting = "Deleting";
}
