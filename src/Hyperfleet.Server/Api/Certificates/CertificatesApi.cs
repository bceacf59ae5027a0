using System.Security.Claims;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Certificates;

/// <summary><c>/api/v1/ca</c> and <c>/api/v1/certificates</c>: the control plane's CA, what it issued, and signing hosts' requests.</summary>
public static class CertificatesApi
{
    public const string PemMediaType = "application/x-pem-file";

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        // Public by nature: a client that pins the CA key checks what it downloads here.
        app.MapGet("/api/v1/ca", Ca).WithTags("Certificates").AllowAnonymous()
            .WithSummary("The control plane's CA certificate, PEM (its pin is printed by serve)");
        var group = app.MapGroup("/api/v1/certificates").WithTags("Certificates");
        group.MapGet("/", List).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Certificates the CA issued (and the server's), soonest expiry first");
        // A hypervisor's own credential may ask for its own certificate: the key was made on the host and never leaves it.
        group.MapPost("/sign", Sign).RequireAuthorization(AuthServiceCollectionExtensions.HypervisorPolicy)
            .WithSummary("Sign a hypervisor's CSR for its own names (hostname, viewer proxy_video_host); admins, or that hypervisor's credential")
            .Accepts<SignCertificateRequest>("application/json");
        return app;
    }

    public static IResult Ca(ControlPlaneCertificates certificates, HttpResponse response)
    {
        response.Headers["X-Hyperfleet-Ca-Pin"] = certificates.CaPin;
        return TypedResults.Text(certificates.CaPem, PemMediaType);
    }

    public static async Task<Ok<IReadOnlyList<CertificateResponse>>> List(CertificateService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static async Task<Results<Ok<SignCertificateResponse>, ProblemHttpResult>> Sign(
        HttpRequest request, CertificateService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignCertificateRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        if (!HypervisorPrincipal.MayActFor(user, body!.Hypervisor ?? ""))
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Not this hypervisor's credential",
                "A hypervisor's credential asks only for its own hypervisor's certificate.");
        }
        var result = await service.SignAsync(body, Actor.Of(user), ct);
        return result.Error is { } error ? ToProblem(error) : TypedResults.Ok(result.Value);
    }

    // A well-formed request whose values do not fit (unknown hypervisor, bad CSR) is 422, as in storage.
    private static ProblemHttpResult ToProblem(ServiceError error) =>
        ApiProblems.Result(StatusCodes.Status422UnprocessableEntity, error.Code, error.Title, error.Detail,
            error.Errors is { Count: > 0 } errors ? errors : null);
}
