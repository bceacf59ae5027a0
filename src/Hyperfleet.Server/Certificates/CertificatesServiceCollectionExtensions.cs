using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Certificates;

public static class CertificatesServiceCollectionExtensions
{
    /// <summary>
    /// The control plane's CA and TLS certificate, the signing service, the expiry watch, and Kestrel's https defaults:
    /// every https:// address in <c>urls</c> presents <see cref="ControlPlaneCertificates.ServerCertificate"/>.
    /// </summary>
    public static IServiceCollection AddHyperfleetCertificates(this IServiceCollection services)
    {
        services.AddOptions<TlsSettings>().BindConfiguration(TlsSettings.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsSettings>, TlsSettingsValidator>());
        services.TryAddSingleton<AcmeCertbot>();
        services.TryAddSingleton<ControlPlaneCertificates>();
        services.TryAddScoped<CertificateService>();
        services.TryAddSingleton<CertificateExpiryWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<CertificateExpiryWatch>());
        services.AddOptions<KestrelServerOptions>().Configure<ControlPlaneCertificates>((kestrel, certificates) =>
            kestrel.ConfigureHttpsDefaults(https =>
            {
                // Kestrel wants a certificate or a selector; the handshake itself uses the current context (certificate
                // + chain, so a client can check the chain against a pinned CA key), asked per connection: a renewed
                // certificate is served without a restart.
                https.ServerCertificateSelector = (_, _) => certificates.ServerCertificate;
                https.OnAuthenticate = (_, ssl) =>
                {
                    ssl.ServerCertificateSelectionCallback = null;
                    ssl.ServerCertificate = null;
                    ssl.ServerCertificateContext = certificates.ServerCertificateContext;
                };
            }));
        return services;
    }
}
