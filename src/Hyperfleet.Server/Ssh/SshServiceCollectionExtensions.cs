using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Ssh;

public static class SshServiceCollectionExtensions
{
    public static IServiceCollection AddHyperfleetSsh(this IServiceCollection services)
    {
        services.TryAddSingleton<IControlPlaneKeys, ControlPlaneKeys>();
        services.TryAddSingleton<ISshConnector, SshConnector>();
        services.TryAddSingleton<HostKeyPins>();
        services.TryAddSingleton<SshKeyProvisioner>();
        return services;
    }
}
