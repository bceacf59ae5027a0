using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Data;

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresHyperfleetDbContext(DbContextOptions<PostgresHyperfleetDbContext> options) : HyperfleetDbContext(options);
