using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hyperfleet.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHyperfleetDbContext>
{
    public SqliteHyperfleetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHyperfleetDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHyperfleetDbContext>
{
    public PostgresHyperfleetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHyperfleetDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
