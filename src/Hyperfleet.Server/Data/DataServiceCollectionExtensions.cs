using Hyperfleet.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperfleet.Server.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database: PostgreSQL when a connection string is configured, else SQLite in the data dir.</summary>
    public static IServiceCollection AddHyperfleetData(this IServiceCollection services, HyperfleetOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database))
        {
            services.AddDbContext<PostgresHyperfleetDbContext>(db => db.UseNpgsql(options.Database));
            services.TryAddScoped<HyperfleetDbContext>(sp => sp.GetRequiredService<PostgresHyperfleetDbContext>());
            services.TryAddSingleton(new DatabaseInfo("postgresql", RedactPassword(options.Database)));
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(options.DataDir), "hyperfleet.db");
            // Pooling off: the file must be released when the server stops (tests delete their data dirs).
            services.AddDbContext<SqliteHyperfleetDbContext>(db => db.UseSqlite($"Data Source={path};Pooling=False"));
            services.TryAddScoped<HyperfleetDbContext>(sp => sp.GetRequiredService<SqliteHyperfleetDbContext>());
            services.TryAddSingleton(new DatabaseInfo("sqlite", path));
        }
        services.TryAddSingleton<DatabaseInitializer>();
        return services;
    }

    private static string RedactPassword(string connectionString) =>
        string.Join(';', connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
