using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer hft_…</c> (a user's token) or <c>hfh_…</c> (a hypervisor's credential).</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = header["Bearer ".Length..].Trim();
        if (presented.StartsWith(HypervisorCredentials.Prefix, StringComparison.Ordinal))
        {
            var hypervisor = await Context.RequestServices.GetRequiredService<HypervisorCredentials>().ResolveAsync(presented, Context.RequestAborted);
            return hypervisor is null
                ? AuthenticateResult.Fail("unknown or revoked hypervisor credential")
                : AuthenticateResult.Success(new AuthenticationTicket(HypervisorPrincipal.Create(hypervisor, SchemeName), SchemeName));
        }
        var tokens = Context.RequestServices.GetRequiredService<TokenService>();
        var user = await tokens.ResolveAsync(presented, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("invalid or expired token");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Username), new Claim(ClaimTypes.Role, user.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodesFor.Unauthenticated);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodesFor.Forbidden);
}
