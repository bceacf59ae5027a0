namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>templates</c>: a base (a disk with no parent) or a template (an overlay of a base or of another
/// template). Desktops are overlays of templates: base ← template ← desktop.
/// </summary>
public sealed class Template
{
    public required string Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary><c>base</c> or <c>template</c>.</summary>
    public required string Kind { get; set; }
    public required string DiskPath { get; set; }
    public string? ParentId { get; set; }
    public required string PoolId { get; set; }
    public int MemoryMib { get; set; }
    public int Vcpus { get; set; }

    /// <summary><c>Creating</c> while its disk task runs, then <c>Ready</c>, or <c>Failed</c> with <see cref="StatusDetail"/>; <c>Deleting</c> until its disk is gone.</summary>
    public string Status { get; set; } = TemplateStatuses.Creating;
    public string? StatusDetail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Values of <see cref="Template.Kind"/>.</summary>
public static class TemplateKinds
{
    public const string Base = "base";
    public const string Template = "template";
}

/// <summary>Values of <see cref="Template.Status"/>.</summary>
public static class TemplateStatuses
{
    public const string Creating = "Creating";
    public const string Ready = "Ready";
    public const string Failed = "Failed";

    /// <summary>Its disk is being deleted; the row goes when the delete task is done.</summary>
    public const string Deleting = "Deleting";
}
