using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Api.Agent;
using Hyperfleet.Server.Api.Auth;
using Hyperfleet.Server.Api.EnrollmentTokens;
using Hyperfleet.Server.Api.Certificates;
using Hyperfleet.Server.Api.Desktops;
using Hyperfleet.Server.Api.Events;
using Hyperfleet.Server.Api.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Api.SshKeys;
using Hyperfleet.Server.Api.Storage;
using Hyperfleet.Server.Api.Video;
using Hyperfleet.Server.Api.Users;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Desktops;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hosting;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Video;
using Hyperfleet.Server.Vpn;
using Hyperfleet.Server.Users;
using Hyperfleet.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Api;

public static class ApiExtensions
{
    public static IServiceCollection AddHyperfleet(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HyperfleetOptions>().BindConfiguration(HyperfleetOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HyperfleetOptions>, HyperfleetOptionsValidator>());
        var options = configuration.GetSection(HyperfleetOptions.Section).Get<HyperfleetOptions>() ?? new HyperfleetOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHyperfleetData(options);
        services.AddHyperfleetAuth();
        services.TryAddSingleton<ChangeFeed>();
        services.TryAddScoped<HypervisorService>();
        services.TryAddScoped<UserService>();
        services.AddHyperfleetSsh();
        services.AddHyperfleetCertificates();
        services.AddHyperfleetEngine(options.HasRole("engine"));
        services.AddHyperfleetStorage(options.HasRole("engine"));
        services.AddHyperfleetDesktops(options.HasRole("engine"));
        services.AddHyperfleetVideo(options.HasRole("video"));
        services.AddHyperfleetAgents(options.HasRole("engine"));
        services.AddHyperfleetVpn(options.HasRole("vpn"));
        services.AddHyperfleetWeb();

        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        return services;
    }

    public static WebApplication MapHyperfleet(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<HyperfleetOptions>>().Value.HasRole("api"))
        {
            return app;
        }
        app.UseExceptionHandler(error => error.Run(ApiErrorHandling.WriteUnhandledAsync));
        app.UseStatusCodePages(ApiErrorHandling.WriteStatusCodeAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapAuthApi();
        app.MapHypervisorsApi();
        app.MapPortsApi();
        app.MapDiagnoseApi();
        app.MapEventsApi();
        app.MapSshKeysApi();
        app.MapCertificatesApi();
        app.MapPoolsApi();
        app.MapTemplatesApi();
        app.MapTasksApi();
        app.MapDesktopsApi();
        app.MapViewerApi();
        app.MapUsersApi();
        app.MapEnrollmentTokensApi();
        app.MapAgentApi();
        app.MapHyperfleetWeb();
        return app;
    }
}
