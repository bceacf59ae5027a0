using System.Security.Claims;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Core.Validation;
using Hyperfleet.Server.Api.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
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
        group.MapPost("/ssh-keys/install", Install).WithSummary("Log in once with a password, install the control plane's key, prove key login and libvirtd")
            .Accepts<InstallSshKeyRequest>("application/json");
        group.MapPost("/hypervisors/{id}/repin-host-key", Repin).WithSummary("Pin the host key the hypervisor presents now (after a deliberate change)");
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
        var port = body!.Port ?? 22;
        var sshUser = body.User ?? "root";
        var errors = new List<FieldError>();
        void Check(string field, RuleError? error)
        {
            if (error is not null)
            {
                errors.Add(new FieldError(field, error.Code, error.Message));
            }
        }
        Check("host", HostnameRule.Validate(body.Host));
        Check("port", PortNumberRule.Validate(port));
        Check("user", SshUserRule.Validate(sshUser));
        if (string.IsNullOrEmpty(body.Password))
        {
            errors.Add(new FieldError("password", "password_required", "password is required for the one login that installs the key."));
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "Invalid request",
                string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var (result, failure) = await provisioner.InstallAsync(body.Host!.Trim(), port, sshUser, body.Password!, HypervisorsApi.Actor(user), ct);
        if (failure is not null)
        {
            var details = ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, failure.Code, "SSH key not installed", failure.Message);
            details.Extensions["steps"] = failure.Steps;
            return TypedResults.Problem(details);
        }
        return TypedResults.Ok(result!);
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Repin(
        string id, HostKeyPins pins, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await pins.RepinAsync(id, HypervisorsApi.Actor(user), ct);
        if (result.Error is { } error)
        {
            return error.Kind == Hyperfleet.Server.Hypervisors.ServiceErrorKind.Invalid
                ? ApiProblems.Result(StatusCodes.Status422UnprocessableEntity, error.Code, error.Title, error.Detail)
                : error.ToProblem();
        }
        return TypedResults.Ok(result.Value!);
    }
}
