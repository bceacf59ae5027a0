namespace Hyperfleet.Server.Tests.Fixtures;

/// <summary>The embedded default: SQLite created in a fresh data dir.</summary>
public sealed class SqliteApiFixture : ApiFixture
{
    public SqliteApiFixture()
    {
    }

    private SqliteApiFixture(string? dataDir, string? configuredPassword)
        : base(dataDir, configuredPassword)
    {
    }

    public override string Provider => "sqlite";

    /// <summary>A server on an existing data dir (a restart), or with no configured admin password (first start).</summary>
    public static SqliteApiFixture With(string? dataDir = null, string? configuredPassword = AdminPassword) => new(dataDir, configuredPassword);

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);
}
