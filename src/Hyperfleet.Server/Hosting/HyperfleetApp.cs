using Microsoft.AspNetCore.Hosting;
using Hyperfleet.Server.Api;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Hosting;

/// <summary>Builds and starts the control plane (<c>hyperfleet serve</c>); tests use the same path.</summary>
public static class HyperfleetApp
{
    /// <summary>
    /// Builds the app. Configuration comes from appsettings, <c>HYPERFLEET_*</c> environment variables and
    /// <paramref name="overrides"/> (the CLI's options), in that order.
    /// </summary>
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Operators read status in hypervisor_events; the console keeps to warnings and Hyperfleet's own news.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.Configuration.AddEnvironmentVariables();
        MapWellKnownVariables(builder.Configuration);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        builder.WebHost.UseKestrelHttpsConfiguration(); // CreateSlimBuilder leaves https endpoints out otherwise
        // Substitutions first: registrations use TryAdd, so these win (tests swap in fakes here).
        configureServices?.Invoke(builder.Services);
        builder.Services.AddHyperfleet(builder.Configuration);
        var app = builder.Build();
        app.MapHyperfleet();
        return app;
    }

    /// <summary>Migrates the database, loads or makes the CA and server certificate, and creates the admin on first start.</summary>
    public static async Task<AdminBootstrapResult> InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        // Before Kestrel starts: an https listener needs the certificate, and bad admin-provided files stop the start here.
        var tls = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Certificates.TlsSettings>>().Value;
        if (tls.AcmeEnabled)
        {
            // The first order (or a kept certificate): serve does not start on a certificate it does not have.
            await app.Services.GetRequiredService<Certificates.AcmeCertbot>().ObtainAsync(renew: false, ct);
        }
        app.Services.GetRequiredService<Certificates.ControlPlaneCertificates>().Ensure();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Certificates.CertificateService>().RecordControlPlaneAsync(ct);
        }
        await app.Services.GetRequiredService<Storage.DefaultPool>().EnsureAsync(ct);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HyperfleetOptions>>().Value.HasRole("engine"))
        {
            await app.Services.GetRequiredService<StartupStatusReset>().ResetAsync(ct);
        }
        return await app.Services.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(ct);
    }

    // The names operators type: HYPERFLEET_DATABASE, HYPERFLEET_ADMIN_PASSWORD, and the seeds' DOCKER_NET, WG_HYPERS_PORT.
    private static void MapWellKnownVariables(ConfigurationManager configuration)
    {
        var map = new Dictionary<string, string?>();
        void From(string variable, string key)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                map[key] = value;
            }
        }
        From("HYPERFLEET_DATA_DIR", "Hyperfleet:DataDir");
        From("HYPERFLEET_DATABASE", "Hyperfleet:Database");
        From("HYPERFLEET_ADMIN_PASSWORD", "Hyperfleet:AdminPassword");
        From("HYPERFLEET_TLS_CERTIFICATE_FILE", "Hyperfleet:Tls:CertificateFile");
        From("HYPERFLEET_TLS_KEY_FILE", "Hyperfleet:Tls:KeyFile");
        From("DOCKER_NET", "Hyperfleet:DockerNet");
        From("WG_HYPERS_PORT", "Hyperfleet:WgHypersPort");
        From("WG_HYPERS_NET", "Hyperfleet:Vpn:Network");
        From("VPN_HOST", "Hyperfleet:Vpn:Host");
        From("VPN_NAMESPACE", "Hyperfleet:Vpn:Namespace");
        From("VPN_UNDERLAY_INTERFACE", "Hyperfleet:Vpn:UnderlayInterface");
        From("VIDEO_HYPERVISOR_HOSTNAMES", "Hyperfleet:Video:AllowedHosts");
        From("VIDEO_HYPERVISOR_PORTS", "Hyperfleet:Video:AllowedPorts");
        var connectionString = configuration.GetConnectionString("Hyperfleet");
        if (!string.IsNullOrEmpty(connectionString) && !map.ContainsKey("Hyperfleet:Database"))
        {
            map["Hyperfleet:Database"] = connectionString;
        }
        configuration.AddInMemoryCollection(map);
    }
}
