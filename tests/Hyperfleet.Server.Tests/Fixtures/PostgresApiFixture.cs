using Npgsql;

namespace Hyperfleet.Server.Tests.Fixtures;

/// <summary>
/// A fresh database on the real PostgreSQL server named by <c>HYPERFLEET_TEST_POSTGRES</c> (the test
/// command starts one). Without it the tests fail and say so: they never silently skip.
/// </summary>
public sealed class PostgresApiFixture : ApiFixture
{
    public const string Variable = "HYPERFLEET_TEST_POSTGRES";

    private readonly string database = "hf_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? adminConnection;

    public override string Provider => "postgresql";

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        adminConnection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(adminConnection))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a real PostgreSQL server. Run ./test.sh, which starts one, " +
                $"or set {Variable}=\"Host=127.0.0.1;Username=...;Password=...\".");
        }
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (adminConnection is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        // The database is a throwaway with a random name: its cleanup must never fail a run. FORCE cannot terminate an
        // autovacuum worker that just started on it without pg_signal_backend (tools/ci/start-postgres grants it; another
        // server may not): retry a little, then leave it (a fresh CI machine starts with an empty server).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(adminConnection);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5)
            {
                Console.Error.WriteLine($"dropping test database {database}: {e.SqlState} {e.MessageText}; retrying");
                await Task.Delay(200 * attempt);
            }
            catch (PostgresException e)
            {
                Console.Error.WriteLine($"test database {database} left behind: {e.SqlState} {e.MessageText}");
                return;
            }
        }
    }
}
