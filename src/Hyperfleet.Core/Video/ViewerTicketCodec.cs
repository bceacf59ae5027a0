using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Core.Video;

/// <summary>
/// Viewer tickets as text: <c>base64url(claims JSON) "." base64url(ECDSA P-256 signature)</c>, URL- and
/// Basic-auth-safe. The control plane signs with its private key; proxies hold only the public key, so they can
/// check a ticket offline but never mint one.
/// </summary>
public static class ViewerTicketCodec
{
    /// <summary>Longest ticket text accepted (a real one is ~300 characters).</summary>
    public const int MaxLength = 2048;

    /// <summary>Longest lifetime a ticket may be signed with.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Signs <paramref name="ticket"/> with the control plane's private key.</summary>
    /// <exception cref="ArgumentException">The ticket lives longer than <see cref="MaxLifetime"/>, or is already expired.</exception>
    public static string Sign(ViewerTicket ticket, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(privateKey);
        var lifetime = ticket.ExpiresAt - ticket.IssuedAt;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentException($"A ticket lives more than 0 and at most {MaxLifetime.TotalSeconds} s.", nameof(ticket));
        }
        var claims = new Claims(ticket.Id, ticket.User, ticket.DesktopId, ticket.HypervisorId, ticket.Host, ticket.Port,
            ticket.Protocol == ViewerProtocol.Spice ? "spice" : "browser",
            ticket.IssuedAt.ToUnixTimeMilliseconds(), ticket.ExpiresAt.ToUnixTimeMilliseconds());
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(body), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return body + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Checks the signature and expiry of <paramref name="text"/>. Use (replay) and whether it fits the request
    /// (host, port, protocol) are the caller's to check.
    /// </summary>
    /// <returns>The ticket, or <c>ticket_missing</c>, <c>ticket_malformed</c>, <c>ticket_forged</c> or <c>ticket_expired</c> (this one with the genuine ticket).</returns>
    public static TicketCheck Verify(string? text, ECDsa publicKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (string.IsNullOrEmpty(text))
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketMissing);
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (text.Length > MaxLength || dot <= 0 || dot != text.LastIndexOf('.') || dot == text.Length - 1)
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketMalformed);
        }
        var body = text[..dot];
        byte[] signature, json;
        try
        {
            signature = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            json = Base64Url.DecodeFromChars(body);
        }
        catch (FormatException)
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketMalformed);
        }
        // The signature first: nothing of an unsigned body is trusted, not even its shape.
        if (!publicKey.VerifyData(Encoding.ASCII.GetBytes(body), signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketForged);
        }
        Claims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<Claims>(json, Json);
        }
        catch (JsonException)
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketMalformed);
        }
        if (claims is null || claims.Proto is not ("browser" or "spice") || string.IsNullOrEmpty(claims.Id)
            || string.IsNullOrEmpty(claims.Host) || claims.Port is < 1 or > 65535)
        {
            return TicketCheck.Refused(VideoProblemCodes.TicketMalformed);
        }
        var ticket = new ViewerTicket(claims.Id, claims.Usr ?? "", claims.Dsk ?? "", claims.Hyp ?? "", claims.Host, claims.Port,
            claims.Proto == "spice" ? ViewerProtocol.Spice : ViewerProtocol.Browser,
            DateTimeOffset.FromUnixTimeMilliseconds(claims.Iat), DateTimeOffset.FromUnixTimeMilliseconds(claims.Exp));
        // An expired ticket is still the control plane's: it comes back with the refusal, for callers that let an open
        // session's later connections in (a SPICE session's channels).
        return now > ticket.ExpiresAt ? new TicketCheck(ticket, VideoProblemCodes.TicketExpired) : TicketCheck.Ok(ticket);
    }

    private sealed record Claims(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("usr")] string? Usr,
        [property: JsonPropertyName("dsk")] string? Dsk,
        [property: JsonPropertyName("hyp")] string? Hyp,
        [property: JsonPropertyName("host")] string Host,
        [property: JsonPropertyName("port")] int Port,
        [property: JsonPropertyName("proto")] string Proto,
        [property: JsonPropertyName("iat")] long Iat,
        [property: JsonPropertyName("exp")] long Exp);
}
