namespace Hyperfleet.Contracts.EnrollmentTokens;

/// <summary>Body of <c>POST /api/v1/enrollment-tokens</c>. Omitted members take the defaults.</summary>
/// <param name="TtlSeconds">How long it is valid (default 3600, at most 7 days).</param>
/// <param name="Uses">How many registrations it allows (default: any number while it is valid).</param>
/// <param name="Hypervisor">The only hypervisor id it may register; such a token may also register a new host key for that id.</param>
/// <param name="Description">Free text, e.g. the room the hosts are in.</param>
public sealed record CreateEnrollmentTokenRequest(
    int? TtlSeconds = null,
    int? Uses = null,
    string? Hypervisor = null,
    string? Description = null);
