using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

public sealed class WireGuardKeysTests
{
    // RFC 7748 §6.1: Alice's and Bob's private keys (unclamped, as printed there) and public keys.
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";

    [Theory]
    [InlineData(AlicePrivate, AlicePublic)]
    [InlineData(BobPrivate, BobPublic)]
    public void PublicKeyOf_Rfc7748Vectors_GivesTheirPublicKeys(string privateHex, string publicHex)
    {
        var publicKey = WireGuardKeys.PublicKeyOf(WireGuardKeys.FromHex(privateHex));

        Assert.Equal(publicHex, WireGuardKeys.ToHex(publicKey));
    }

    [Fact]
    public void PublicKeyOf_UnclampedAndClampedForms_GiveTheSameKey()
    {
        var unclamped = Convert.FromHexString(AlicePrivate);
        var clamped = (byte[])unclamped.Clone();
        WireGuardKeys.Clamp(clamped);

        Assert.NotEqual(unclamped, clamped);
        Assert.Equal(WireGuardKeys.PublicKeyOf(Convert.ToBase64String(unclamped)), WireGuardKeys.PublicKeyOf(Convert.ToBase64String(clamped)));
    }

    [Fact]
    public void Generate_ManyKeys_ClampedLikeWgGenkeyAndDistinct()
    {
        var pairs = Enumerable.Range(0, 64).Select(_ => WireGuardKeys.Generate()).ToList();

        foreach (var pair in pairs)
        {
            var privateKey = Convert.FromBase64String(pair.PrivateKey);
            Assert.Equal(0, privateKey[0] & 7);
            Assert.Equal(0, privateKey[31] & 128);
            Assert.Equal(64, privateKey[31] & 64);
            Assert.True(WireGuardKeys.IsValidKey(pair.PublicKey));
            Assert.Equal(WireGuardKeys.PublicKeyOf(pair.PrivateKey), pair.PublicKey);
        }
        Assert.Equal(pairs.Count, pairs.Select(p => p.PrivateKey).Distinct().Count());
    }

    [Fact]
    public async Task PublicKeyOf_GeneratedKey_MatchesWgPubkey()
    {
        var pair = WireGuardKeys.Generate();

        var fromWg = await WgTool.WgAsync(pair.PrivateKey + "\n", "pubkey");

        Assert.Equal(fromWg.Trim(), pair.PublicKey);
    }

    [Fact]
    public async Task PublicKeyOf_WgGenkeyKey_MatchesWgPubkey()
    {
        var privateKey = (await WgTool.WgAsync(null, "genkey")).Trim();
        var fromWg = (await WgTool.WgAsync(privateKey + "\n", "pubkey")).Trim();

        Assert.True(WireGuardKeys.IsValidKey(privateKey));
        Assert.Equal(fromWg, WireGuardKeys.PublicKeyOf(privateKey));
    }

    [Fact]
    public void ToString_KeyPair_OmitsThePrivateKey()
    {
        var pair = WireGuardKeys.Generate();

        var text = pair.ToString();

        Assert.DoesNotContain(pair.PrivateKey, text, StringComparison.Ordinal);
        Assert.Contains(pair.PublicKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHexAndFromHex_GeneratedKey_RoundTrip()
    {
        var key = WireGuardKeys.Generate().PublicKey;

        var hex = WireGuardKeys.ToHex(key);

        Assert.Matches("^[0-9a-f]{64}$", hex);
        Assert.Equal(key, WireGuardKeys.FromHex(hex));
        Assert.Equal(key, WireGuardKeys.FromHex(hex.ToUpperInvariant()));
    }

    [Fact]
    public void FromHex_Rfc7748AlicePublic_IsItsBase64()
    {
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(AlicePublic)), WireGuardKeys.FromHex(AlicePublic));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo")] // 43: padding missing
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo==")] // 45
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmp=")] // stray bits in the last character
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066Spjqqb Tm=")] // a space
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTm*=")] // not base64
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 33 bytes
    [InlineData("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n")]
    public void IsValidKey_NotA32ByteCanonicalBase64_False(string? text)
    {
        Assert.False(WireGuardKeys.IsValidKey(text));
    }

    [Fact]
    public void IsValidKey_Rfc7748AlicePublic_True()
    {
        Assert.True(WireGuardKeys.IsValidKey("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="));
        Assert.Equal("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=", WireGuardKeys.FromHex(AlicePublic));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public void PublicKeyOfAndToHex_InvalidKey_Throw(string text)
    {
        Assert.Throws<ArgumentException>(() => WireGuardKeys.PublicKeyOf(text));
        Assert.Throws<ArgumentException>(() => WireGuardKeys.ToHex(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e")] // 62
    [InlineData("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a00")] // 66
    [InlineData("zz20f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")]
    public void FromHex_Not64HexCharacters_Throws(string hex)
    {
        Assert.Throws<ArgumentException>(() => WireGuardKeys.FromHex(hex));
    }
}
