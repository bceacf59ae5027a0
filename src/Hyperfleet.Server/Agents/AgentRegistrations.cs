using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Vpn;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Agents;

/// <summary>
/// <c>POST /api/v1/agent/register</c>: a host makes itself a hypervisor (disabled, Offline, <c>registered_by: agent</c>)
/// with an enrollment token, or registers again with its own credential. The host key it sends over the pinned TLS
/// channel is the pin (no keyscan). A known host keeps its row, pin, history, desktops and (later) VPN address.
/// </summary>
public sealed class AgentRegistrations(HyperfleetDbContext db, EnrollmentTokens tokens, HypervisorCredentials credentials,
    IControlPlaneKeys keys, OverlayAddresses overlay, ChangeFeed feed, TimeProvider time)
{
    public const string RegisteredByAgent = "agent";
    public const int MaxVersionLength = 64;

    /// <param name="request">What the agent sent.</param>
    /// <param name="credentialOf">The hypervisor whose credential came with the request, or null (then a token is needed).</param>
    /// <param name="ct">Cancels.</param>
    public async Task<ServiceResult<AgentRegistrationResponse>> RegisterAsync(AgentRegistrationRequest request, string? credentialOf,
        CancellationToken ct)
    {
        var id = request.Hypervisor?.Id ?? "";
        var invalid = Validate(request);
        if (invalid is not null)
        {
            return invalid;
        }
        if (credentialOf is not null && credentialOf != id)
        {
            return new ServiceError(ServiceErrorKind.Forbidden, ProblemCodes.Forbidden, "Not this hypervisor's credential",
                $"This credential acts for hypervisor '{credentialOf}' only, not '{id}'.");
        }
        if (credentialOf is null && string.IsNullOrEmpty(request.Token))
        {
            return new ServiceError(ServiceErrorKind.Unauthorized, AgentProblemCodes.TokenMissing, "Enrollment token needed",
                "A first registration needs an enrollment token (hyperfleet token create); a registered host presents its credential.");
        }

        var actor = HypervisorPrincipal.ActorName(id);
        var now = time.GetUtcNowForStorage();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        EnrollmentToken? token = null;
        if (credentialOf is null)
        {
            var (redeemed, refusal) = await tokens.RedeemAsync(request.Token!, id, ct);
            if (refusal is not null)
            {
                return refusal;
            }
            token = redeemed;
        }
        var how = token is null ? "with its credential" : $"with enrollment token {token.Id}";

        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        var created = h is null;
        var events = new List<HypervisorEvent>();
        if (h is null)
        {
            h = new Hypervisor { Id = id, Hostname = "", StatusSince = now, CreatedAt = now };
            db.Hypervisors.Add(h);
            await Storage.DefaultPool.JoinAsync(db, h.Id, ct);
        }
        else if (h.Status == HypervisorStatus.Deleting)
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.HypervisorDeleting, "Hypervisor is being deleted",
                $"'{id}' is being deleted; register it again once it is gone (or force delete it).");
        }
        else if (token is not null && token.HypervisorId != id)
        {
            // An unbound token makes new hypervisors only: anyone can send a host's public key, so a known row (and a
            // new credential for it) goes only to its own agent's credential, or to a token an admin bound to it.
            return new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.AlreadyRegistered, "Hypervisor already registered",
                $"'{id}' is registered already; its agent registers again with its credential. To hand it to this host, " +
                $"an admin creates a token for it: hyperfleet token create --hypervisor {id}.");
        }

        var errors = new List<FieldError>();
        HypervisorRequestApplier.Apply(h, request.Hypervisor!, errors);
        errors.AddRange(HypervisorValidator.Validate(h));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }
        var hostname = h.Hostname;
        var port = h.SshPort;
        if (await db.Hypervisors.AnyAsync(x => x.Id != id && x.Hostname == hostname && x.SshPort == port, ct))
        {
            return new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.HostAlreadyRegistered, "Host already registered",
                $"Another hypervisor is registered at {hostname}:{port}; one host is one hypervisor.");
        }
        if (h.SshHostKey is not null && !SshPublicKeyText.SameKey(h.SshHostKey, request.SshHostKey))
        {
            // A different key is another machine or a reinstall: only a token an admin bound to this id may bring it.
            if (token?.HypervisorId != id)
            {
                return new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.HostKeyMismatch, "Host key differs from the pin",
                    $"'{id}' is pinned to host key {HostKeyFingerprint.Sha256(h.SshHostKey)}, but this host sent {HostKeyFingerprint.Sha256(request.SshHostKey)}. " +
                    $"If the host was reinstalled, an admin creates a token for it: hyperfleet token create --hypervisor {id}.");
            }
            events.Add(HypervisorHistory.Record(db, time, h, actor, HostKeyPins.EventKind,
                detail: $"re-pinned at registration {how} (bound to '{id}'): {HostKeyFingerprint.Sha256(h.SshHostKey)} → {HostKeyFingerprint.Sha256(request.SshHostKey)}"));
            h.SshHostKey = SshPublicKeyText.Normalize(request.SshHostKey);
        }
        else if (h.SshHostKey is null)
        {
            events.Add(HypervisorHistory.Record(db, time, h, actor, HostKeyPins.EventKind,
                detail: $"sent by its agent over the pinned TLS channel: {HostKeyFingerprint.Sha256(request.SshHostKey)}"));
            h.SshHostKey = SshPublicKeyText.Normalize(request.SshHostKey);
        }

        if (request.WgPublicKey is { } wgKey && await db.Hypervisors.AnyAsync(x => x.Id != id && x.WgPublicKey == wgKey, ct))
        {
            return new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.WgKeyInUse, "WireGuard key in use",
                $"Another hypervisor has the WireGuard key {wgKey}. Each host makes its own pair: on a cloned host, remove " +
                "wireguard.key from its agent data directory (HYPERFLEET_AGENT_DATA) and start the agent again.");
        }
        if (request.WgPublicKey is not null && request.WgPublicKey != h.WgPublicKey)
        {
            events.Add(HypervisorHistory.Record(db, time, h, actor, "wg_key",
                detail: h.WgPublicKey is null ? $"WireGuard public key {request.WgPublicKey}" : $"WireGuard public key {h.WgPublicKey} → {request.WgPublicKey}"));
            h.WgPublicKey = request.WgPublicKey;
        }
        if (h.WgPublicKey is null)
        {
            // An agent without a WireGuard key does not join the overlay, and takes no address of it.
        }
        else if (await overlay.AssignAsync(h, ct) is { } assigned)
        {
            events.Add(HypervisorHistory.Record(db, time, h, actor, "vpn_address", detail: $"overlay address {assigned}"));
        }
        else if (h.VpnAddress is null)
        {
            return new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.VpnAddressesExhausted, "No overlay address left",
                $"Every address of WG_HYPERS_NET ({overlay.Network}) is taken; widen it or delete hypervisors.");
        }

        // Disabled until its own checks pass: a half-booted host is never Online.
        h.Enabled = false;
        h.RegisteredBy = RegisteredByAgent;
        h.AgentVersion = request.AgentVersion;
        h.AgentState = AgentStates.Registered;
        h.AgentChecks = null;
        h.AgentHeartbeatAt = now;
        h.Version++;
        var detail = (created ? "registered " : "registered again ") + how + $", agent {request.AgentVersion}; disabled until its self-checks pass";
        events.Add(HypervisorHistory.ChangeStatus(db, time, h, HypervisorStatus.Offline, actor, "registered", null, detail));

        string? credential = null;
        if (token is not null)
        {
            (credential, _) = await credentials.ReplaceAsync(id, actor, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations of one id at once, or the engine wrote the row meanwhile: the agent retries.
            return ServiceError.Concurrent(id);
        }
        foreach (var evt in events)
        {
            feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt.ToResponse(), h.ToResponse()));
        }
        return new AgentRegistrationResponse(h.ToResponse(), credential, keys.PublicKey, created);
    }

    private static ServiceError? Validate(AgentRegistrationRequest request)
    {
        var errors = new List<FieldError>();
        if (request.Hypervisor is null)
        {
            errors.Add(new FieldError("hypervisor", "required", "hypervisor (the host's settings) is required."));
        }
        if (SshPublicKeyText.Normalize(request.SshHostKey) is null)
        {
            errors.Add(new FieldError("ssh_host_key", AgentProblemCodes.HostKeyInvalid,
                "ssh_host_key must be the host's SSH public key in OpenSSH format (e.g. the line of /etc/ssh/ssh_host_ed25519_key.pub)."));
        }
        ValidateVersion(request.AgentVersion, errors);
        if (request.WgPublicKey is not null && !WireGuardKeys.IsValidKey(request.WgPublicKey))
        {
            errors.Add(new FieldError("wg_public_key", AgentProblemCodes.WgKeyInvalid,
                "wg_public_key must be a WireGuard public key: 32 bytes in base64 (44 characters), as `wg pubkey` prints."));
        }
        return errors.Count == 0 ? null : ServiceError.Invalid(errors);
    }

    /// <summary>The agent's version, as every agent request carries it.</summary>
    internal static void ValidateVersion(string? version, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Length > MaxVersionLength)
        {
            errors.Add(new FieldError("agent_version", "agent_version_invalid", $"agent_version is required, at most {MaxVersionLength} characters."));
        }
    }
}
