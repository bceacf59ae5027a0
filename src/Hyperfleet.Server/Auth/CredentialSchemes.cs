using Microsoft.AspNetCore.Http;

namespace Hyperfleet.Server.Auth;

/// <summary>
/// The default authentication scheme: a policy scheme that forwards to <see cref="BearerTokenHandler"/> when the
/// request carries an <c>Authorization</c> header (CLI, scripts) and to <see cref="SessionCookieHandler"/> when it
/// carries only the UI's cookie. With neither, Bearer answers, so a 401 still says <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public static class CredentialSchemes
{
    public const string Default = "BearerOrSession";

    public static string Select(HttpContext context) =>
        context.Request.Headers.ContainsKey("Authorization") || SessionCookie.Read(context.Request) is null
            ? BearerTokenHandler.SchemeName
            : SessionCookieHandler.SchemeName;
}
