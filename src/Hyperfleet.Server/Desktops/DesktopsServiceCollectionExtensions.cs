using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Desktops;

public static class DesktopsServiceCollectionExtensions
{
    /// <summary>
    /// Desktops: the service behind the routes, placement, the runtime that talks to libvirt, and (engine role) the
    /// reconciler that keeps rows equal to what runs on the hypervisors.
    /// </summary>
    public static IServiceCollection AddHyperfleetDesktops(this IServiceCollection services, bool engineRole)
    {
        services.AddOptions<DesktopSettings>().BindConfiguration("Hyperfleet:Desktops").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DesktopSettings>, DesktopSettingsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DesktopSettings>>().Value);
        services.AddOptions<PlacementSettings>().BindConfiguration("Hyperfleet:Placement").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlacementSettings>, PlacementSettingsValidator>());
        services.TryAddSingleton<Engine.HypervisorConnections>();
        services.TryAddSingleton<DesktopPlacement>();
        services.TryAddSingleton<DesktopStatusWriter>();
        services.TryAddSingleton<DesktopRuntime>();
        services.TryAddScoped<DesktopService>();
        if (engineRole)
        {
            services.TryAddSingleton<DesktopReconciler>();
            services.AddHostedService(sp => sp.GetRequiredService<DesktopReconciler>());
        }
        return services;
    }
}
