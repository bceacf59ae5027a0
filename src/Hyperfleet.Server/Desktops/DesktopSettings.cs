namespace Hyperfleet.Server.Desktops;

/// <summary>Desktop lifecycle timings, bound from <c>Hyperfleet:Desktops</c>.</summary>
public sealed class DesktopSettings
{
    /// <summary>How long a stop waits for the guest to power off after the ACPI request before destroying it.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Safety net besides lifecycle events: every connected host's desktops are reconciled this often.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many viewer port pairs a start tries when libvirt says a port is busy.</summary>
    public int StartAttempts { get; set; } = 4;
}
