using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Video.ControlPlane;

/// <summary>
/// kubeadm's bootstrap: fetch <c>/api/v1/ca</c> over a connection not yet trusted, and keep the CA only when its key has
/// the pin the admin gave. Nothing else is sent on that connection (no token), and nothing else from it is believed.
/// Returns null when the server's CA does not have the pin; throws <see cref="ControlPlaneException"/> when it cannot be reached.
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
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Not a certificate at all: certainly not the pinned CA.
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Unreachable is not "wrong server": the caller may retry this, never a pin mismatch.
            throw new ControlPlaneException("control_plane_unreachable", $"cannot reach {server}: {e.Message}");
        }
    }

    private static bool AcceptUntilPinChecked(string pin) => pin.Length > 0;
}
