using System.Data;
using System.Data.Common;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Users;

/// <summary>The users routes' rules: admins create and delete accounts; a refusal changes nothing.</summary>
public sealed class UserService(HyperfleetDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<UserResponse>> ListAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(ct);
        var owned = await db.Desktops.AsNoTracking().GroupBy(d => d.Owner)
            .Select(g => new { Owner = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Owner, g => g.Count, ct);
        return [.. users.Select(u => new UserResponse(u.Username, u.Role, u.CreatedAt, owned.GetValueOrDefault(u.Username)))];
    }

    public async Task<ServiceResult<UserResponse>> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        var errors = UserValidator.Validate(request);
        if (errors.Count > 0)
        {
            return UserErrors.Invalid(errors);
        }
        var username = request.Username!;
        if (await db.Users.AnyAsync(u => u.Username == username, ct))
        {
            return UserErrors.Exists(username);
        }
        var user = new User
        {
            Username = username,
            PasswordHash = PasswordHasher.Hash(request.Password!),
            Role = request.Role!,
            CreatedAt = time.GetUtcNowForStorage(),
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent create of the same name won the unique index; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Users.AnyAsync(u => u.Username == username, ct))
            {
                throw;
            }
            return UserErrors.Exists(username);
        }
        return new UserResponse(user.Username, user.Role, user.CreatedAt, 0);
    }

    /// <summary>
    /// Deletes the user and, with them, their tokens (so their sessions end now). Refused for the caller's own account,
    /// the last admin, and a user who still owns desktops (a desktop's owner must name a user).
    /// </summary>
    public async Task<ServiceResult<UserResponse>> DeleteAsync(string username, string actor, CancellationToken ct)
    {
        // Serializable, checks included: two admins deleting each other at once must not both pass the last-admin check
        // (PostgreSQL aborts one with a serialization failure; SQLite's write lock runs them one after the other).
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        try
        {
            var result = await DeleteCheckedAsync(username, actor, ct);
            if (result.Error is null)
            {
                await transaction.CommitAsync(ct);
            }
            return result;
        }
        catch (Exception e) when (IsSerializationFailure(e))
        {
            return UserErrors.Concurrent(username);
        }
    }

    private async Task<ServiceResult<UserResponse>> DeleteCheckedAsync(string username, string actor, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            return UserErrors.NotFound(username);
        }
        if (user.Username == actor)
        {
            return UserErrors.IsSelf(username);
        }
        if (user.Role == Roles.Admin && await db.Users.CountAsync(u => u.Role == Roles.Admin, ct) <= 1)
        {
            return UserErrors.LastAdmin(username);
        }
        var desktops = await db.Desktops.CountAsync(d => d.Owner == username, ct);
        if (desktops > 0)
        {
            return UserErrors.OwnsDesktops(username, desktops);
        }
        // The foreign key cascades too; deleting explicitly does not depend on SQLite's foreign_keys pragma.
        await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        return new UserResponse(user.Username, user.Role, user.CreatedAt, 0);
    }

    private static bool IsSerializationFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbException { SqlState: "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="username"/> names a user (a desktop's owner must).</summary>
    public Task<bool> ExistsAsync(string username, CancellationToken ct) => db.Users.AnyAsync(u => u.Username == username, ct);
}
