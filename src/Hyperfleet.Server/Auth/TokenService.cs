using System.Security.Cryptography;
using System.Text;
using Hyperfleet.Contracts.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Auth;

/// <summary>Issues bearer tokens for a user name and password, and resolves a presented token to its user.</summary>
public sealed class TokenService(HyperfleetDbContext db, IOptions<HyperfleetOptions> options, TimeProvider time)
{
    private const string Prefix = "hft_";

    public async Task<TokenResponse?> IssueAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null || !PasswordHasher.Verify(password, user.PasswordHash))
        {
            return null;
        }
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNowForStorage();
        var expiresAt = now + options.Value.TokenLifetime;
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, TokenHash = HashToken(token), CreatedAt = now, ExpiresAt = expiresAt });
        // Expired tokens are useless; drop them while we are here.
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse(token, expiresAt);
    }

    public async Task<User?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = HashToken(token);
        var now = time.GetUtcNowForStorage();
        var row = await db.ApiTokens.AsNoTracking().Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return row is not null && row.ExpiresAt > now ? row.User : null;
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
