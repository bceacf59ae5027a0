using System.Security.Claims;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Api.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Ssh;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.SshKeys;

/// <summary>The control plane's SSH key: show it, install it on a host with a password, re-pin a host key.</summary>
public static class SshKeysApi
{
    public static IEndpointRouteBuilder MapSshKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("SSH keys").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/ssh-key", GetPublicKey).WithSummary("The control plane's SSH public key, to install by hand");
        group.MapPost("/ssh-keys/install", Install)
            .WithSummary("Log in once with a password, install the control plane's key, prove key login and libvirtd")
            .Accepts<InstallSshKeyRequest>("application/json");
        group.MapPost("/hypervisors/{id}/repin-host-key", Repin)
            .WithSummary("Pin the host key the hypervisor presents now (after a change the admin knows about)");
        return app;
    }

    public static Ok<SshPublicKeyResponse> GetPublicKey(IControlPlaneKeys keys) =>
        TypedResults.Ok(new SshPublicKeyResponse(keys.PublicKey, HostKeyFingerprint.Sha256(keys.PublicKey)!));

    public static async Task<Results<Ok<InstallSshKeyResponse>, ProblemHttpResult>> Install(
        HttpRequest request, SshKeyProvisioner provisioner, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<InstallSshKeyRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var port = body!.Port ?? SshKeyProvisioner.DefaultPort;
        var sshUser = body.User ?? SshKeyProvisioner.DefaultUser;
        var errors = InstallSshKeyValidator.Validate(body, port, sshUser);
        if (errors.Count > 0)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "Invalid request",
                string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var (result, failure) = await provisioner.InstallAsync(body.Host!.Trim(), port, sshUser, body.Password!, Actor.Of(user), ct);
        if (failure is null)
        {
            return TypedResults.Ok(result!);
        }
        // The steps that did succeed (and the host key, when one was seen) tell the admin where it stopped.
        var details = ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, failure.Code, "SSH key not installed", failure.Message);
        details.Extensions["steps"] = failure.Steps;
        if (failure.HostKey is not null)
        {
            details.Extensions["host_key"] = failure.HostKey;
            details.Extensions["fingerprint"] = HostKeyFingerprint.Sha256(failure.HostKey);
        }
        return TypedResults.Problem(details);
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Repin(
        string id, HostKeyPins pins, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await pins.RepinAsync(id, Actor.Of(user), ct);
        if (result.Error is { } error)
        {
            // Invalid here means the host could not be read (ssh_unreachable, …): the request was fine, the host was not.
            return error.Kind == ServiceErrorKind.Invalid
                ? ApiProblems.Result(StatusCodes.Status422UnprocessableEntity, error.Code, error.Title, error.Detail)
                : error.ToProblem();
        }
        return TypedResults.Ok(result.Value!);
    }
}
