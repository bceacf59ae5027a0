using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Hyperfleet.Video;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Video;

public static class VideoServiceCollectionExtensions
{
    public static IServiceCollection AddHyperfleetVideo(this IServiceCollection services, bool videoRole)
    {
        services.AddOptions<VideoSettings>().BindConfiguration("Hyperfleet:Video").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideoSettings>, VideoSettingsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<VideoSettings>>().Value);
        services.TryAddSingleton<TicketSigningKey>();
        // Bound in every role: hypervisors' own proxies get the fleet's ports and origins from the API.
        services.AddOptions<VideoProxyOptions>().BindConfiguration("Hyperfleet:Video");
        if (videoRole)
        {
            services.AddOptions<VideoProxyOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideoProxyOptions>, CentralVideoProxyOptionsValidator>());
            services.TryAddSingleton<CentralVideoProxy>();
            services.TryAddSingleton<ICentralVideoProxy>(sp => sp.GetRequiredService<CentralVideoProxy>());
            services.AddHostedService(sp => sp.GetRequiredService<CentralVideoProxy>());
        }
        services.TryAddSingleton<ICentralVideoProxy, NoCentralVideoProxy>();
        services.TryAddScoped<ViewerService>();
        services.TryAddScoped<ViewerSessionLedger>();
        return services;
    }
}
