using System.Security.Claims;
using System.Text.Encodings.Web;
using Hyperfleet.Server.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Auth;

/// <summary>Authenticates the web UI's <see cref="SessionCookie"/>; refuses state-changing requests without the CSRF header.</summary>
public sealed class SessionCookieHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    private bool csrfRefused;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = SessionCookie.Read(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (!SessionCookie.PassesCsrfCheck(Request))
        {
            csrfRefused = true;
            return AuthenticateResult.Fail($"cookie-authenticated {Request.Method} without {SessionCookie.CsrfHeader}: 1");
        }
        var user = await Context.RequestServices.GetRequiredService<TokenService>().ResolveAsync(token, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("invalid or expired session");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Username), new Claim(ClaimTypes.Role, user.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        csrfRefused ? WriteCsrfAsync(Context) : AuthProblems.WriteAsync(Context, StatusCodesFor.Unauthenticated);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        csrfRefused ? WriteCsrfAsync(Context) : AuthProblems.WriteAsync(Context, StatusCodesFor.Forbidden);

    internal static Task WriteCsrfAsync(HttpContext context) =>
        ApiProblems.WriteAsync(context, ApiProblems.Create(StatusCodes.Status403Forbidden, SessionCookie.CsrfCode,
            "Missing CSRF header", $"Requests authenticated by the session cookie that change something must send '{SessionCookie.CsrfHeader}: 1'."));
}
