using System.Security.Cryptography;
using System.Text;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Enrollment;
using Hyperfleet.Core.Validation;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Agents;

/// <summary>
/// Creates, lists, revokes and redeems enrollment tokens. The one rule for whether a presented token may register a
/// host lives in <see cref="RedeemAsync"/>: it also counts the use, atomically, in the caller's transaction.
/// </summary>
public sealed class EnrollmentTokens(HyperfleetDbContext db, ControlPlaneCertificates certificates, TimeProvider time)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(7);

    public async Task<ServiceResult<EnrollmentTokenResponse>> CreateAsync(CreateEnrollmentTokenRequest request, string actor, Uri server,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTtl;
        if (ttl <= TimeSpan.Zero || ttl > MaxTtl)
        {
            errors.Add(new FieldError("ttl_seconds", "ttl_out_of_range", $"ttl_seconds must be between 1 and {(int)MaxTtl.TotalSeconds} (7 days)."));
        }
        if (request.Uses is < 1)
        {
            errors.Add(new FieldError("uses", "uses_out_of_range", "uses must be at least 1 (omit it for any number)."));
        }
        if (request.Hypervisor is not null && SlugRule.Validate(request.Hypervisor) is { } slug)
        {
            errors.Add(new FieldError("hypervisor", slug.Code, slug.Message));
        }
        if (request.Description is { Length: > HypervisorValidator.MaxDescriptionLength })
        {
            errors.Add(new FieldError("description", "description_too_long",
                $"description must have at most {HypervisorValidator.MaxDescriptionLength} characters."));
        }
        if (errors.Count > 0)
        {
            return new ServiceError(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, "Invalid enrollment token",
                string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var now = time.GetUtcNowForStorage();
        var row = new EnrollmentToken
        {
            Id = EnrollmentTokenFormat.NewId(),
            TokenHash = "",
            Description = request.Description ?? "",
            HypervisorId = request.Hypervisor,
            ExpiresAt = now + ttl,
            UsesAllowed = request.Uses,
            CreatedBy = actor,
            CreatedAt = now,
        };
        // An id that exists already (1 in 2 billion) would fail the insert: pick another.
        while (await db.EnrollmentTokens.AnyAsync(t => t.Id == row.Id, ct))
        {
            row.Id = EnrollmentTokenFormat.NewId();
        }
        var token = row.Id + "." + EnrollmentTokenFormat.NewSecret();
        row.TokenHash = TokenService.HashToken(token);
        db.EnrollmentTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return ToResponse(row, token, JoinCommand(server, token, certificates.CaPin, request.Hypervisor));
    }

    public async Task<IReadOnlyList<EnrollmentTokenResponse>> ListAsync(CancellationToken ct)
    {
        var rows = await db.EnrollmentTokens.AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(t => t.CreatedAt).Select(t => ToResponse(t, null, null)).ToList();
    }

    public async Task<ServiceResult<EnrollmentTokenResponse>> RevokeAsync(string id, CancellationToken ct)
    {
        var row = await db.EnrollmentTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (row is null)
        {
            return new ServiceError(ServiceErrorKind.NotFound, ProblemCodes.NotFound, "Enrollment token not found", $"No enrollment token '{id}'.");
        }
        row.RevokedAt ??= time.GetUtcNowForStorage();
        await db.SaveChangesAsync(ct);
        return ToResponse(row, null, null);
    }

    /// <summary>
    /// Spends one use of <paramref name="token"/> for registering <paramref name="hypervisorId"/>, or says why not. A
    /// forged or unknown token learns nothing about any real one. Call inside the registration's transaction, so a
    /// registration that fails later gives the use back.
    /// </summary>
    public async Task<(EnrollmentToken? Token, ServiceError? Error)> RedeemAsync(string token, string hypervisorId, CancellationToken ct)
    {
        var invalid = new ServiceError(ServiceErrorKind.Unauthorized, AgentProblemCodes.TokenInvalid, "Invalid enrollment token",
            "This enrollment token is not one the control plane issued. Ask an admin for a token (hyperfleet token create).");
        var id = EnrollmentTokenFormat.IdOf(token);
        var row = id is null ? null : await db.EnrollmentTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (row is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(row.TokenHash), Encoding.ASCII.GetBytes(TokenService.HashToken(token))))
        {
            return (null, invalid);
        }
        var now = time.GetUtcNowForStorage();
        var usedUp = Refuse(AgentProblemCodes.TokenUsedUp, "Enrollment token used up", $"Enrollment token {row.Id} registered its {row.UsesAllowed} host(s) already.");
        var refusal = StateOf(row, now) switch
        {
            EnrollmentTokenStates.Revoked => Refuse(AgentProblemCodes.TokenRevoked, "Enrollment token revoked", $"An admin revoked enrollment token {row.Id}."),
            EnrollmentTokenStates.Expired => Refuse(AgentProblemCodes.TokenExpired, "Enrollment token expired", $"Enrollment token {row.Id} expired at {row.ExpiresAt:u}."),
            EnrollmentTokenStates.UsedUp => usedUp,
            _ when row.HypervisorId is not null && row.HypervisorId != hypervisorId =>
                new ServiceError(ServiceErrorKind.Forbidden, AgentProblemCodes.TokenWrongHypervisor, "Token is for another hypervisor",
                    $"Enrollment token {row.Id} registers only hypervisor '{row.HypervisorId}', not '{hypervisorId}'."),
            _ => null,
        };
        if (refusal is not null)
        {
            return (null, refusal);
        }
        // Counted in the database, not here: two hosts racing for the last use cannot both have it.
        var claimed = await db.EnrollmentTokens
            .Where(t => t.Id == row.Id && t.RevokedAt == null && t.ExpiresAt > now && (t.UsesAllowed == null || t.Uses < t.UsesAllowed))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Uses, t => t.Uses + 1).SetProperty(t => t.LastUsedAt, now), ct);
        if (claimed == 0)
        {
            return (null, usedUp);
        }
        return (row, null);
    }

    private static ServiceError Refuse(string code, string title, string detail) => new(ServiceErrorKind.Unauthorized, code, title, detail);

    public static string StateOf(EnrollmentToken t, DateTimeOffset now) =>
        t.RevokedAt is not null ? EnrollmentTokenStates.Revoked
        : t.ExpiresAt <= now ? EnrollmentTokenStates.Expired
        : t.UsesAllowed is { } allowed && t.Uses >= allowed ? EnrollmentTokenStates.UsedUp
        : EnrollmentTokenStates.Active;

    /// <summary>What a host's admin pastes: the agent writes these into its config file and joins.</summary>
    public static string JoinCommand(Uri server, string token, string caPin, string? hypervisor) =>
        $"sudo hyperfleet agent --server {server.GetLeftPart(UriPartial.Authority)} --token {token} --ca-pin {caPin}"
        + (hypervisor is null ? "" : $" --hyper-id {hypervisor}");

    private EnrollmentTokenResponse ToResponse(EnrollmentToken t, string? token, string? joinCommand) => new(
        t.Id, token, t.Description, t.HypervisorId, t.ExpiresAt, t.UsesAllowed, t.Uses, StateOf(t, time.GetUtcNow()), t.RevokedAt,
        t.LastUsedAt, t.CreatedBy, t.CreatedAt, certificates.CaPin, joinCommand);
}
