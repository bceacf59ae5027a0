using Microsoft.AspNetCore.Http;

namespace Hyperfleet.Server.Auth;

/// <summary>
/// The web UI's login cookie: it holds a token issued by <see cref="TokenService"/>, the same kind the CLI sends
/// as a bearer token, so there is one credential store and one expiry rule.
/// </summary>
public static class SessionCookie
{
    public const string Name = "hyperfleet_session";

    /// <summary>Header the UI sends on every request; a cross-site form or image cannot.</summary>
    public const string CsrfHeader = "X-Hyperfleet-Request";

    /// <summary>Problem code of a cookie-authenticated state-changing request without <see cref="CsrfHeader"/>.</summary>
    public const string CsrfCode = "csrf";

    public static void Append(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(context, expiresAt));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, expiresAt: null));

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>
    /// SameSite=Strict keeps other sites from sending the cookie at all; the header check covers what remains
    /// (e.g. a sibling host under the same site). GET and HEAD never change anything, so they need no header
    /// (EventSource cannot send headers).
    /// </summary>
    public static bool PassesCsrfCheck(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || request.Headers[CsrfHeader] == "1";

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
