using Hyperfleet.Server.Api.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Hyperfleet.Server.Web;

/// <summary>
/// The admin web UI: static files embedded in this assembly (no CDN, no build step at run time), talking to the
/// same public API and event stream as the CLI, plus the cookie session endpoints it logs in with.
/// </summary>
public static class WebExtensions
{
    /// <summary>Prefix of the UI's embedded resources (see the EmbeddedResource items in the project file).</summary>
    public const string ResourcePrefix = "Hyperfleet.Server.Web.wwwroot";

    // The UI loads only its own files; inline script, framing and foreign origins are refused.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    // The viewer page also opens a WebSocket to the video proxy that serves the desktop (a hypervisor's own, or central).
    private const string ViewerContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' wss: ws:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IServiceCollection AddHyperfleetWeb(this IServiceCollection services) => services;

    public static WebApplication MapHyperfleetWeb(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(WebExtensions).Assembly, ResourcePrefix);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidate every time: an upgraded server must never run yesterday's script against today's API.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = file.File.Name.EndsWith("viewer.html", StringComparison.Ordinal)
                    ? ViewerContentSecurityPolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            },
        });
        app.MapSessionApi();
        app.MapRecentEventsApi();
        return app;
    }
}
