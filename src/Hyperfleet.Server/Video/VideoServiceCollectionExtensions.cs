using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Video;

public static class VideoServiceCollectionExtensions
{
    public static IServiceCollection AddHyperfleetVideo(this IServiceCollection services)
    {
        services.AddOptions<VideoSettings>().BindConfiguration("Hyperfleet:Video").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideoSettings>, VideoSettingsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<VideoSettings>>().Value);
        services.TryAddSingleton<TicketSigningKey>();
        services.TryAddSingleton<ICentralVideoProxy, NoCentralVideoProxy>();
        services.TryAddScoped<ViewerService>();
        services.TryAddScoped<ViewerSessionLedger>();
        return services;
    }
}
