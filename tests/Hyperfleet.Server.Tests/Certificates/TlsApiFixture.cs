using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Certificates;

/// <summary>A control plane on SQLite that also listens on https://127.0.0.1:0, with extra settings.</summary>
public sealed class TlsApiFixture(Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null) : ApiFixture
{
    public override string Provider => "sqlite";

    /// <summary>The https address Kestrel bound (port chosen by the system).</summary>
    public Uri HttpsAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First(a => a.StartsWith("https://", StringComparison.Ordinal)));

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) => servicesHook?.Invoke(services);

    private readonly Action<IServiceCollection>? servicesHook = services;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        // http first: the fixture's BaseAddress (the first address) stays plain http for the helpers.
        settings["urls"] = "http://127.0.0.1:0;https://127.0.0.1:0";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
    }
}
