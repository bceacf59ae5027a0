using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Fixtures;

/// <summary>The embedded default: SQLite created in a fresh data dir.</summary>
public sealed class SqliteApiFixture : ApiFixture
{
    public SqliteApiFixture()
    {
    }

    private readonly string roles = "api";
    private readonly Action<IServiceCollection>? services;

    private SqliteApiFixture(string? dataDir, string? configuredPassword, string roles, Action<IServiceCollection>? services)
        : base(dataDir, configuredPassword)
    {
        this.roles = roles;
        this.services = services;
    }

    public override string Provider => "sqlite";

    protected override string Roles => roles;

    protected override void ConfigureServices(IServiceCollection services) => this.services?.Invoke(services);

    /// <summary>A server on an existing data dir (a restart), with no configured admin password (first start), or with other roles.</summary>
    public static SqliteApiFixture With(string? dataDir = null, string? configuredPassword = AdminPassword, string roles = "api",
        Action<IServiceCollection>? services = null) => new(dataDir, configuredPassword, roles, services);

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);
}
