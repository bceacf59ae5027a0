using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Video.ControlPlane;

/// <summary>
/// kubeadm's bootstrap: fetch <c>/api/v1/ca</c> over a connection not yet trusted, and keep the CA only when its key has
/// the pin the admin gave. Nothing else is sent on that connection (no token), and nothing else from it is believed.
/// </summary>
public static class PinnedCa
{
    public static async Task<X509Certificate2?> FetchAsync(Uri server, string pin, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler();
        // Whatever answers, its CA is used only if it matches the pin below.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => AcceptUntilPinChecked(pin);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var pem = await http.GetStringAsync(new Uri(server, "api/v1/ca"), ct);
            var ca = X509Certificate2.CreateFromPem(pem);
            if (SpkiPin.PinMatches(ca, pin))
            {
                return ca;
            }
            ca.Dispose();
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Security.Cryptography.CryptographicException or TaskCanceledException)
        {
            // The real request then fails with the trust error, which names the fix.
            return null;
        }
    }

    private static bool AcceptUntilPinChecked(string pin) => pin.Length > 0;
}
