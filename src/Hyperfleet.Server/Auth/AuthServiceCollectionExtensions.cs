using Hyperfleet.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string AdminPolicy = "admin";

    /// <summary>Admins and plain users: routes whose handlers then apply <c>DesktopAccess</c> per desktop.</summary>
    public const string DesktopUserPolicy = "desktop-user";

    /// <summary>Admins and hypervisors' own credentials: routes whose handlers then apply <c>HypervisorPrincipal.MayActFor</c>.</summary>
    public const string HypervisorPolicy = "hypervisor";

    /// <summary>Hypervisors' own credentials only: the agent's routes, which act on the credential's hypervisor.</summary>
    public const string AgentPolicy = "agent";

    public static IServiceCollection AddHyperfleetAuth(this IServiceCollection services)
    {
        services.TryAddScoped<TokenService>();
        services.TryAddScoped<HypervisorCredentials>();
        services.TryAddSingleton<AdminBootstrapper>();
        // Bearer for the CLI and scripts, the session cookie for the web UI; one policy scheme picks per request.
        services.AddAuthentication(CredentialSchemes.Default)
            .AddPolicyScheme(CredentialSchemes.Default, "Bearer token or session cookie",
                scheme => scheme.ForwardDefaultSelector = CredentialSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SessionCookieHandler>(SessionCookieHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(DesktopUserPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.User))
            .AddPolicy(HypervisorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Hypervisor))
            .AddPolicy(AgentPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Hypervisor));
        return services;
    }
}
