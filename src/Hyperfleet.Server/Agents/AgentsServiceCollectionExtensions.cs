using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Agents;

public static class AgentsServiceCollectionExtensions
{
    /// <summary>Enrollment tokens, registration and the agents' own routes; the silence watch runs with the engine role.</summary>
    public static IServiceCollection AddHyperfleetAgents(this IServiceCollection services, bool engineRole)
    {
        services.AddOptions<AgentSettings>().BindConfiguration(AgentSettings.Section);
        services.TryAddScoped<EnrollmentTokens>();
        services.TryAddScoped<AgentRegistrations>();
        services.TryAddScoped<AgentService>();
        services.TryAddSingleton<AgentSilenceWatch>();
        if (engineRole)
        {
            services.AddHostedService(sp => sp.GetRequiredService<AgentSilenceWatch>());
        }
        return services;
    }
}
