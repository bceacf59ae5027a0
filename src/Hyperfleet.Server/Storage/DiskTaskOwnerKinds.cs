namespace Hyperfleet.Server.Storage;

/// <summary>Values of <c>DiskTask.OwnerKind</c>: what a task's completion moves on.</summary>
public static class DiskTaskOwnerKinds
{
    public const string Template = "template";
    public const string Desktop = "desktop";
}
