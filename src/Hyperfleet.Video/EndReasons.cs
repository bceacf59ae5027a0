namespace Hyperfleet.Video;

/// <summary>Why a proxied connection ended, as reported in its session.</summary>
public static class EndReasons
{
    public const string ClientClosed = "client_closed";
    public const string DisplayClosed = "display_closed";
    public const string DisplayUnreachable = "display_unreachable";
    public const string Cut = "cut";
    public const string ProxyStopping = "proxy_stopping";
}
