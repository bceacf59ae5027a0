namespace Hyperfleet.Core.Overlay;

/// <summary>
/// A WireGuard key pair in the base64 form that <c>wg</c> and wg-quick files use (44 characters each).
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints the public key only: records print every property by default, and a pair
/// that lands in a log line or an exception message must not leak the private key.
/// </remarks>
/// <param name="PrivateKey">The clamped X25519 private key, base64.</param>
/// <param name="PublicKey">The matching public key, base64; the one peers are configured with.</param>
public sealed record WireGuardKeyPair(string PrivateKey, string PublicKey)
{
    /// <summary>The public key only; the private key is never printed.</summary>
    public override string ToString() => $"WireGuardKeyPair {{ PublicKey = {PublicKey} }}";
}
