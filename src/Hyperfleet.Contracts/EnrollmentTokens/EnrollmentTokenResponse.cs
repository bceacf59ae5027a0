namespace Hyperfleet.Contracts.EnrollmentTokens;

/// <summary>An enrollment token (a join token, kubeadm's pattern): it lets hosts register themselves as hypervisors.</summary>
/// <param name="Id">The public part, six characters; names the token in lists and logs.</param>
/// <param name="Token">The whole token <c>&lt;id&gt;.&lt;secret&gt;</c>, only in the answer that created it: only a hash is stored.</param>
/// <param name="Description">Free text.</param>
/// <param name="Hypervisor">The only hypervisor id it may register, or null for any.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="UsesAllowed">How many registrations it allows; null for any number.</param>
/// <param name="Uses">How many registrations it made.</param>
/// <param name="State">One of <see cref="EnrollmentTokenStates"/>.</param>
/// <param name="RevokedAt">When an admin revoked it.</param>
/// <param name="LastUsedAt">When it last registered a host.</param>
/// <param name="CreatedBy">The admin who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="CaPin">The control plane CA's pin <c>sha256:…</c>: the agent refuses a server whose CA does not have it.</param>
/// <param name="JoinCommand">The command to run on a host to make it join (only with <paramref name="Token"/>).</param>
public sealed record EnrollmentTokenResponse(
    string Id,
    string? Token,
    string Description,
    string? Hypervisor,
    DateTimeOffset ExpiresAt,
    int? UsesAllowed,
    int Uses,
    string State,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string CaPin,
    string? JoinCommand);
