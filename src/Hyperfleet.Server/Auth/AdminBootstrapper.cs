using System.Security.Cryptography;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Auth;

/// <summary>Creates user <c>admin</c> on first start. A generated password is returned once and never stored in clear.</summary>
public sealed class AdminBootstrapper(IServiceScopeFactory scopes, IOptions<HyperfleetOptions> options, TimeProvider time)
{
    public const string AdminUsername = "admin";

    public async Task<AdminBootstrapResult> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        if (await db.Users.AnyAsync(u => u.Role == Roles.Admin, cancellationToken))
        {
            return new AdminBootstrapResult(Created: false, AdminUsername, GeneratedPassword: null);
        }
        var configured = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? Generate() : configured;
        db.Users.Add(new User
        {
            Username = AdminUsername,
            PasswordHash = PasswordHasher.Hash(password),
            Role = Roles.Admin,
            CreatedAt = time.GetUtcNowForStorage(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new AdminBootstrapResult(Created: true, AdminUsername, string.IsNullOrEmpty(configured) ? password : null);
    }

    private static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}

/// <summary>What first start did about the admin account.</summary>
/// <param name="Created">The admin was created now.</param>
/// <param name="Username">Its user name.</param>
/// <param name="GeneratedPassword">The generated password, to print once; null when it came from configuration.</param>
public sealed record AdminBootstrapResult(bool Created, string Username, string? GeneratedPassword);
