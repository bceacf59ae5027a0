using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Pools, templates, the disk-task queue and, with role <c>engine</c>, its workers. Without the role the API still
    /// queues tasks; another replica's workers run them.
    /// </summary>
    public static IServiceCollection AddHyperfleetStorage(this IServiceCollection services, bool engineRole)
    {
        services.AddOptions<StorageSettings>().BindConfiguration("Hyperfleet:Storage").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageSettings>, StorageSettingsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StorageSettings>>().Value);
        services.TryAddSingleton<DefaultPool>();
        services.TryAddSingleton<DiskTaskSignal>();
        services.TryAddSingleton<DiskTaskClaims>();
        services.TryAddSingleton<DiskTaskCompletion>();
        services.TryAddSingleton<IDiskOperations, QemuImgOperations>();
        services.TryAddScoped<StoragePoolService>();
        services.TryAddScoped<PoolChecker>();
        services.TryAddScoped<TemplateService>();
        services.TryAddScoped<DiskTaskService>();
        if (engineRole)
        {
            services.TryAddSingleton<DiskTaskWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DiskTaskWorker>());
        }
        return services;
    }
}
