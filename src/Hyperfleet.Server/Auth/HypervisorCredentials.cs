using System.Buffers.Text;
using System.Security.Cryptography;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Auth;

/// <summary>
/// Issues, revokes and resolves hypervisors' own credentials (<see cref="HypervisorCredential"/>). One per hypervisor:
/// issuing a new one revokes the previous in the same transaction, so a leaked copy dies with the next issue.
/// </summary>
public sealed class HypervisorCredentials(HyperfleetDbContext db, ChangeFeed feed, TimeProvider time)
{
    public const string Prefix = "hfh_";

    public async Task<ServiceResult<HypervisorCredentialResponse>> IssueAsync(string hypervisorId, string actor, CancellationToken ct)
    {
        var hypervisor = await db.Hypervisors.SingleOrDefaultAsync(h => h.Id == hypervisorId, ct);
        if (hypervisor is null)
        {
            return ServiceError.NotFound(hypervisorId);
        }
        var now = time.GetUtcNowForStorage();
        // The old one goes with the new one's arrival, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (credential, replaced) = await ReplaceAsync(hypervisorId, actor, ct);
        var evt = HypervisorHistory.Record(db, time, hypervisor, actor, "credential_issued",
            detail: replaced ? "a new hypervisor credential; the previous one no longer works" : "a hypervisor credential");
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin issued one for this hypervisor at the same moment (one credential per hypervisor): theirs stands.
            return ServiceError.Concurrent(hypervisorId);
        }
        feed.Publish(new ChangeNotification("hypervisor.changed", hypervisor.Id, evt.ToResponse(), hypervisor.ToResponse()));
        return new HypervisorCredentialResponse(credential, hypervisorId, now);
    }

    /// <summary>
    /// Deletes the hypervisor's credential and adds a new one to the context, inside the caller's transaction (saved with
    /// the caller's change). Returns the new credential and whether one was replaced.
    /// </summary>
    internal async Task<(string Credential, bool Replaced)> ReplaceAsync(string hypervisorId, string actor, CancellationToken ct)
    {
        var credential = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var replaced = await db.HypervisorCredentials.Where(c => c.HypervisorId == hypervisorId).ExecuteDeleteAsync(ct) > 0;
        db.HypervisorCredentials.Add(new HypervisorCredential
        {
            HypervisorId = hypervisorId,
            TokenHash = TokenService.HashToken(credential),
            CreatedAt = time.GetUtcNowForStorage(),
            CreatedBy = actor,
        });
        return (credential, replaced);
    }

    /// <returns>Whether there was one to revoke; <see cref="ServiceError.NotFound"/> for an unknown hypervisor.</returns>
    public async Task<ServiceResult<bool>> RevokeAsync(string hypervisorId, string actor, CancellationToken ct)
    {
        var hypervisor = await db.Hypervisors.SingleOrDefaultAsync(h => h.Id == hypervisorId, ct);
        if (hypervisor is null)
        {
            return ServiceError.NotFound(hypervisorId);
        }
        var revoked = await db.HypervisorCredentials.Where(c => c.HypervisorId == hypervisorId).ExecuteDeleteAsync(ct) > 0;
        if (revoked)
        {
            var evt = HypervisorHistory.Record(db, time, hypervisor, actor, "credential_revoked", detail: "the hypervisor credential no longer works");
            await db.SaveChangesAsync(ct);
            feed.Publish(new ChangeNotification("hypervisor.changed", hypervisor.Id, evt.ToResponse(), hypervisor.ToResponse()));
        }
        return revoked;
    }

    /// <summary>The hypervisor a presented credential acts for, or null.</summary>
    public async Task<string?> ResolveAsync(string credential, CancellationToken ct)
    {
        if (!credential.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = TokenService.HashToken(credential);
        return await db.HypervisorCredentials.AsNoTracking().Where(c => c.TokenHash == hash).Select(c => c.HypervisorId).SingleOrDefaultAsync(ct);
    }
}
