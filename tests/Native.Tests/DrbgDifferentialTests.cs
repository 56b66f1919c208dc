using CardFirmware.Crypto;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// HMAC_DRBG (the card's random streams: CardRandom, the signer's HedgedRandom) with its HMACs on the native
/// backend against the managed HMAC: 10,000 random instantiations, byte for byte.
/// </summary>
public sealed class DrbgDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void HmacDrbg_OnNativeHmac_RandomSeedsAndRequests_AgreeWithManaged()
    {
        var native = Backends.RequireNative();
        var d = new Differential(native);
        var r = new RandomInputs(1431);
        for (var i = 0; i < Inputs; i++)
        {
            var entropy = r.Bytes(32 + r.Next(40));
            var nonce = i % 5 == 0 ? null : r.Bytes(r.Next(48));
            var personalization = i % 3 == 0 ? null : r.Bytes(r.Next(40));
            var additional = i % 2 == 0 ? null : r.Bytes(1 + r.Next(40));
            var first = r.Next(100);
            var second = 1 + r.Next(200);
            d.Check($"case {i}", b =>
            {
                using var drbg = new HmacDrbg(entropy, nonce, personalization, b);
                var o = new byte[first + second];
                drbg.Generate(o, 0, first, null);
                drbg.Generate(o, first, second, additional);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, "HmacDrbg");
    }

    [Fact]
    public void HmacDrbg_OneCallHmac_MatchesTheStreamedManagedMac()
    {
        var r = new RandomInputs(1432);
        for (var i = 0; i < 1_000; i++)
        {
            var entropy = r.Bytes(32 + r.Next(40));
            var nonce = r.Bytes(r.Next(48));
            var additional = i % 2 == 0 ? null : r.Bytes(1 + r.Next(40));
            var length = 1 + r.Next(150);
            using var streamed = new HmacDrbg(entropy, nonce, null);
            using var oneCall = new HmacDrbg(entropy, nonce, null, Backends.Managed);
            var expected = new byte[length];
            var actual = new byte[length];
            streamed.Generate(expected, 0, length, additional);
            oneCall.Generate(actual, 0, length, additional);
            Assert.Equal(expected, actual);
        }
    }
}
