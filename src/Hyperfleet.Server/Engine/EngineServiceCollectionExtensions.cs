using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine role: monitors for enabled hypervisors and the deletion sweeper. Without it (role <c>api</c>
    /// only) the API still works and statuses are left to another replica's engine.
    /// </summary>
    public static IServiceCollection AddHyperfleetEngine(this IServiceCollection services, bool engineRole)
    {
        services.AddOptions<EngineSettings>().BindConfiguration("Hyperfleet:Engine");
        services.TryAddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineSettings>>().Value);
        services.TryAddSingleton<StartupStatusReset>();
        services.TryAddSingleton<EngineStatusWriter>();
        services.TryAddSingleton<DeletionSweeper>();
        services.TryAddSingleton<KnownHostsSync>();
        services.TryAddSingleton<HypervisorConnections>();
        services.TryAddSingleton<IHypervisorConnector, FleetConnector>();
        if (engineRole)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DeletionSweeper>());
            services.TryAddSingleton<EngineSupervisor>();
            services.AddHostedService(sp => sp.GetRequiredService<EngineSupervisor>());
        }
        return services;
    }
}
