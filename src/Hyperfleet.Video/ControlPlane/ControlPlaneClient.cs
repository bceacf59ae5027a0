using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperfleet.Contracts;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Video.ControlPlane;

/// <summary>
/// A hypervisor's side of the API, with that hypervisor's own credential: over https the control plane's certificate
/// must chain to the pinned CA (fetched and checked first, kubeadm's way) before the credential is sent.
/// </summary>
public sealed class ControlPlaneClient : IDisposable
{
    private ControlPlaneClient(HttpClient http, X509Certificate2? ca)
    {
        Http = http;
        Ca = ca;
    }

    public HttpClient Http { get; }

    /// <summary>The control plane's CA as pinned (null over plain http or without a pin).</summary>
    public X509Certificate2? Ca { get; }

    /// <param name="server">The control plane's URL (https in production).</param>
    /// <param name="caPin">The CA's pin <c>sha256:…</c>; required for https unless the system trusts the server.</param>
    /// <param name="credential">The hypervisor's credential (<c>hfh_…</c>); null until it has one (registration).</param>
    /// <param name="ct">Cancels the CA fetch.</param>
    /// <exception cref="ControlPlaneException">The pin is malformed, or the server's CA does not have it.</exception>
    public static async Task<ControlPlaneClient> ConnectAsync(Uri server, string? caPin, string? credential, CancellationToken ct)
    {
        if (caPin is not null && !SpkiPin.IsWellFormed(caPin))
        {
            throw new ControlPlaneException("ca_pin_invalid", $"the CA pin '{caPin}' is not of the form sha256:<64 hex digits>");
        }
        var baseUri = new Uri(server.ToString().TrimEnd('/') + "/");
        X509Certificate2? ca = null;
        if (caPin is not null && baseUri.Scheme == Uri.UriSchemeHttps)
        {
            ca = await PinnedCa.FetchAsync(baseUri, caPin, ct)
                ?? throw new ControlPlaneException("ca_pin_mismatch", $"{baseUri} did not present a CA with pin {caPin}: refusing to send anything to it");
        }
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            PinnedCertificateValidation.Validate(certificate, chain, errors, caPin, ca is null ? null : [ca]);
        var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var client = new ControlPlaneClient(http, ca);
        if (credential is not null)
        {
            client.UseCredential(credential);
        }
        return client;
    }

    /// <summary>Sends <paramref name="credential"/> with every request from now on (an agent's, once registered).</summary>
    public void UseCredential(string credential) =>
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);

    public async Task<VideoProxyConfigResponse> GetProxyConfigAsync(string proxy, CancellationToken ct)
    {
        using var response = await Http.GetAsync($"api/v1/video/proxies/{Uri.EscapeDataString(proxy)}/config", ct);
        return await ReadAsync<VideoProxyConfigResponse>(response, ct);
    }

    public async Task<SignCertificateResponse> SignAsync(string hypervisor, string csrPem, CancellationToken ct)
    {
        using var response = await Http.PostAsJsonAsync("api/v1/certificates/sign",
            new SignCertificateRequest(csrPem, hypervisor, CertificateKinds.VideoProxy), WireJson.Options, ct);
        return await ReadAsync<SignCertificateResponse>(response, ct);
    }

    public async Task<ProxyReportResponse> ReportAsync(string proxy, ProxyReportRequest report, CancellationToken ct)
    {
        using var response = await Http.PostAsJsonAsync($"api/v1/video/proxies/{Uri.EscapeDataString(proxy)}/report", report, WireJson.Options, ct);
        return await ReadAsync<ProxyReportResponse>(response, ct);
    }

    /// <summary>The answer's body as <typeparamref name="T"/>; a refusal becomes a <see cref="ControlPlaneException"/> with its code.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ControlPlaneException.FromAsync(response, ct);
        }
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, ct)
            ?? throw new ControlPlaneException("empty_answer", $"{response.RequestMessage?.RequestUri} answered nothing");
    }

    public void Dispose()
    {
        Http.Dispose();
        Ca?.Dispose();
    }
}
