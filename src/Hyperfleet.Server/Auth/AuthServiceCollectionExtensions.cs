using Hyperfleet.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddHyperfleetAuth(this IServiceCollection services)
    {
        services.TryAddScoped<TokenService>();
        services.TryAddSingleton<AdminBootstrapper>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}
