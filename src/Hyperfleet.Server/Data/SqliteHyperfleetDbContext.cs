using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hyperfleet.Server.Data;

/// <summary>The embedded default: SQLite in the data directory.</summary>
public sealed class SqliteHyperfleetDbContext(DbContextOptions<SqliteHyperfleetDbContext> options) : HyperfleetDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type; a sortable integer keeps ORDER BY and comparisons in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
