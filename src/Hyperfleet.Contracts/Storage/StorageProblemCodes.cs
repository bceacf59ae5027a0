namespace Hyperfleet.Contracts.Storage;

/// <summary>Stable <c>code</c> values of the storage routes' problems (besides the common ones in <c>ProblemCodes</c>).</summary>
public static class StorageProblemCodes
{
    /// <summary>The pool still holds templates or desktops, or its paths cannot change because it does.</summary>
    public const string PoolInUse = "pool_in_use";

    /// <summary>The template still has desktops or child templates.</summary>
    public const string TemplateInUse = "template_in_use";

    /// <summary>The template is not <c>Ready</c> (still Creating, Failed or Deleting).</summary>
    public const string TemplateNotReady = "template_not_ready";

    /// <summary>The desktop must be <c>Stopped</c> for this.</summary>
    public const string DesktopNotStopped = "desktop_not_stopped";
}
