using System.Security.Cryptography;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Video;

namespace Hyperfleet.Core.Tests.Video;

public sealed class ViewerTicketCodecTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => key.Dispose();

    private static ViewerTicket Ticket(TimeSpan? lifetime = null) =>
        new("t1", "alice", "d1", "hv1", "10.0.0.5", 5901, ViewerProtocol.Spice, Now, Now + (lifetime ?? TimeSpan.FromSeconds(30)));

    private ECDsa PublicOnly()
    {
        var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return verifier;
    }

    [Fact]
    public void Verify_SignedTicket_ReturnsItsClaimsWithThePublicKeyAlone()
    {
        var text = ViewerTicketCodec.Sign(Ticket(), key);
        using var verifier = PublicOnly();

        var check = ViewerTicketCodec.Verify(text, verifier, Now.AddSeconds(10));

        Assert.True(check.Accepted);
        Assert.Equal(Ticket(), check.Ticket);
    }

    [Fact]
    public void Verify_AfterExpiry_IsExpired()
    {
        var text = ViewerTicketCodec.Sign(Ticket(), key);

        Assert.Equal(VideoProblemCodes.TicketExpired, ViewerTicketCodec.Verify(text, key, Now.AddSeconds(31)).Refusal);
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsForged()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var text = ViewerTicketCodec.Sign(Ticket(), other);

        Assert.Equal(VideoProblemCodes.TicketForged, ViewerTicketCodec.Verify(text, key, Now).Refusal);
    }

    [Fact]
    public void Verify_ClaimsChangedAfterSigning_IsForged()
    {
        var text = ViewerTicketCodec.Sign(Ticket(), key);
        var forgedBody = ViewerTicketCodec.Sign(Ticket() with { Port = 5902 }, key).Split('.')[0];

        var check = ViewerTicketCodec.Verify(forgedBody + "." + text.Split('.')[1], key, Now);

        Assert.Equal(VideoProblemCodes.TicketForged, check.Refusal);
    }

    [Theory]
    [InlineData(null, VideoProblemCodes.TicketMissing)]
    [InlineData("", VideoProblemCodes.TicketMissing)]
    [InlineData("nodot", VideoProblemCodes.TicketMalformed)]
    [InlineData("a.b.c", VideoProblemCodes.TicketMalformed)]
    [InlineData(".sig", VideoProblemCodes.TicketMalformed)]
    [InlineData("body.", VideoProblemCodes.TicketMalformed)]
    [InlineData("b@d.s!g", VideoProblemCodes.TicketMalformed)]
    public void Verify_NotATicket_SaysWhy(string? text, string code) =>
        Assert.Equal(code, ViewerTicketCodec.Verify(text, key, Now).Refusal);

    [Fact]
    public void Sign_LifetimeOverAMinute_Throws() =>
        Assert.Throws<ArgumentException>(() => ViewerTicketCodec.Sign(Ticket(TimeSpan.FromSeconds(61)), key));

    [Fact]
    public void Sign_Text_IsUrlSafe()
    {
        var text = ViewerTicketCodec.Sign(Ticket(), key);

        Assert.Equal(text, Uri.EscapeDataString(text));
    }
}
