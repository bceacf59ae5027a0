using Hyperfleet.Server.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Vpn;

public static class VpnServiceCollectionExtensions
{
    /// <summary>Overlay addresses and the agents' wait for the VPN node in every role; the node itself with role <c>vpn</c>.</summary>
    public static IServiceCollection AddHyperfleetVpn(this IServiceCollection services, bool vpnRole)
    {
        services.AddOptions<VpnSettings>().BindConfiguration(VpnSettings.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VpnSettings>, VpnSettingsValidator>());
        services.TryAddScoped<OverlayAddresses>();
        services.TryAddScoped<VpnDiagnosis>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAgentReadiness, VpnReadiness>());
        services.TryAddSingleton<IVpnNodeView, NoVpnNode>();
        if (vpnRole)
        {
            services.RemoveAll<IVpnNodeView>();
            services.TryAddSingleton<VpnNodeService>();
            services.TryAddSingleton<IVpnNodeView>(sp => sp.GetRequiredService<VpnNodeService>());
            services.AddHostedService(sp => sp.GetRequiredService<VpnNodeService>());
        }
        return services;
    }
}
