using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hyperfleet.Contracts.Auth;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Fixtures;

/// <summary>
/// A real control plane on a loopback port over a real database. Subclasses choose the database, so the
/// same API tests run against SQLite and PostgreSQL.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    public const string AdminPassword = "correct-horse-battery";

    private readonly string? configuredPassword;
    private WebApplication? app;

    protected ApiFixture(string? dataDir = null, string? configuredPassword = AdminPassword)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("hyperfleet-test-").FullName;
        this.configuredPassword = configuredPassword;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public string DataDir { get; }

    /// <summary>The admin password generated on first start, when none was configured.</summary>
    public string? GeneratedPassword { get; private set; }
    public string AdminToken { get; private set; } = "";
    public abstract string Provider { get; }

    public IServiceProvider Services => app!.Services;

    protected abstract Task<string?> PrepareDatabaseAsync();

    /// <summary>The API suite runs without the engine (no real hosts behind its hostnames); engine tests turn it on.</summary>
    protected virtual string Roles => "api";

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var database = await PrepareDatabaseAsync();
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Hyperfleet:DataDir"] = DataDir,
            ["Hyperfleet:Database"] = database,
            ["Hyperfleet:AdminPassword"] = configuredPassword,
            ["Hyperfleet:DeletionSweepInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Hyperfleet:Roles"] = Roles,
        };
        Configure(overrides);
        app = HyperfleetApp.Build([], overrides, ConfigureServices);
        var bootstrap = await HyperfleetApp.InitializeAsync(app);
        GeneratedPassword = bootstrap.GeneratedPassword;
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        AdminToken = await TokenAsync("admin", GeneratedPassword ?? AdminPassword);
    }

    /// <summary>Stops the server but keeps its data, as a restart would.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Admin() => WithToken(AdminToken);

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(string username, string password)
    {
        using var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(username, password), ApiJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(ApiJson.Options))!.Token;
    }

    /// <summary>Creates a user with the plain <c>user</c> role, as desktop owners will be.</summary>
    public async Task<string> CreateUserTokenAsync(string username)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            db.Users.Add(new User { Username = username, PasswordHash = PasswordHasher.Hash("user-password-1"), Role = Hyperfleet.Server.Data.Roles.User, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        return await TokenAsync(username, "user-password-1");
    }

    /// <summary>Runs code against the database directly, to arrange states only the engine reaches or to check nothing changed.</summary>
    public async Task<T> WithDbAsync<T>(Func<HyperfleetDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>());
    }
}
