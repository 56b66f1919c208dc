using System.Security.Cryptography;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The card reads a round message where it lies in its receive buffer and writes its round-2 message where the
/// channel encrypts it: the region forms must send the same bytes and end in the same signature as the array forms,
/// on both backends, and refuse a region that is not exactly one message.
/// </summary>
public class InPlaceRoundTests
{
    private static readonly byte[] Hash = SHA256.HashData(new byte[] { 4, 4, 0 });

    // One key for every test here: signing only reads the shares.
    private static readonly Lazy<KeyShare[]> Shares = new(() => Harness.Dkg(2, 940));

    [SkippableTheory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Sign_RegionReadsAndInPlaceRound2_SendTheSameBytesAsArrays(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var shares = Shares.Value;
        var (reference, referenceRound2) = SignWithArrays(shares, backend);

        var pair = Harness.Pair(shares[0], shares[1], 941, backend: backend);
        var fromA1 = pair.A.Start()[0];
        var fromB1 = pair.B.Start()[0];

        // A reads B's round-1 message from the middle of a larger buffer and writes its round 2 into another one.
        var (inbound, at) = Embed(fromB1, 7, 29);
        var outbound = Fill(0xEE, 50_000);
        int written = pair.A.Round2(inbound, at, fromB1.Length, outbound, 100, outbound.Length - 200);
        var fromA2 = outbound.AsSpan(100, written).ToArray();
        Assert.All(outbound.AsSpan(0, 100).ToArray(), b => Assert.Equal(0xEE, b));
        Assert.All(outbound.AsSpan(100 + written).ToArray(), b => Assert.Equal(0xEE, b));
        var fromB2 = pair.B.Round2([fromA1])[0];
        Assert.Equal(referenceRound2, fromA2);

        var (inbound2, at2) = Embed(fromB2, 3, 11);
        pair.A.Presign(inbound2, at2, fromB2.Length);
        pair.B.Presign([fromA2]);
        var fromA3 = pair.A.SignHash(Hash)[0];
        var fromB3 = pair.B.SignHash(Hash)[0];
        var signature = pair.A.Combine([fromB3]);
        Assert.Equal(signature, pair.B.Combine([fromA3]));
        Assert.Equal(reference, signature);
        Assert.True(Harness.BouncyVerify(shares[0].PublicKey(), Hash, signature));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Round2_RegionOneByteOff_IsMalformedBlamedOnThePeer(int delta)
    {
        var shares = Shares.Value;
        var pair = Harness.Pair(shares[0], shares[1], 943);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];
        var (inbound, at) = Embed(fromB1, 5, 5);

        var e = Assert.Throws<ThresholdException>(() => pair.A.Round2(inbound, at, fromB1.Length + delta));

        Assert.Equal(ThresholdError.MalformedMessage, e.Reason);
        Assert.Equal(2, e.Culprit);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    [Fact]
    public void Round2_RegionPastTheBuffer_IsMalformedNotAnIndexError()
    {
        var shares = Shares.Value;
        var pair = Harness.Pair(shares[0], shares[1], 945);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];

        var e = Assert.Throws<ThresholdException>(() => pair.A.Round2(fromB1, 10, fromB1.Length));

        Assert.Equal(ThresholdError.MalformedMessage, e.Reason);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    [Fact]
    public void Round2_OutputTooSmall_AbortsLocallyWritingNothing()
    {
        var shares = Shares.Value;
        var pair = Harness.Pair(shares[0], shares[1], 947);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];
        var outbound = Fill(0xEE, 50_000);

        var e = Assert.Throws<ThresholdException>(() => pair.A.Round2(fromB1, 0, fromB1.Length, outbound, 0, 40_000));

        Assert.Equal(ThresholdError.InvalidParameters, e.Reason);
        Assert.Equal(0, e.Culprit);
        Assert.Equal(PartyState.Aborted, pair.A.State);
        Assert.All(outbound, b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void Presign_RegionWithATamperedByte_AbortsAsTheArrayFormDoes()
    {
        var shares = Shares.Value;
        var pair = Harness.Pair(shares[0], shares[1], 949);
        var fromA1 = pair.A.Start()[0];
        var fromB1 = pair.B.Start()[0];
        pair.A.Round2([fromB1]);
        var fromB2 = pair.B.Round2([fromA1])[0];
        fromB2[Wire.HeaderBytes + Params.PointBytes + 100] ^= 1;
        var (inbound, at) = Embed(fromB2, 9, 9);

        var e = Assert.Throws<ThresholdException>(() => pair.A.Presign(inbound, at, fromB2.Length));

        Assert.Equal(ThresholdError.MultiplicationCheckFailed, e.Reason);
        Assert.Equal(2, e.Culprit);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    private static (byte[] Signature, byte[] Round2) SignWithArrays(KeyShare[] shares, IArithmeticBackend backend)
    {
        var pair = Harness.Pair(shares[0], shares[1], 941, backend: backend);
        var fromA1 = pair.A.Start();
        var fromB1 = pair.B.Start();
        var fromA2 = pair.A.Round2(fromB1);
        var fromB2 = pair.B.Round2(fromA1);
        pair.A.Presign(fromB2);
        pair.B.Presign(fromA2);
        pair.A.SignHash(Hash);
        var fromB3 = pair.B.SignHash(Hash);
        return (pair.A.Combine(fromB3), fromA2[0]);
    }

    private static (byte[] Buffer, int Offset) Embed(byte[] message, int before, int after)
    {
        var buffer = Fill(0xA5, before + message.Length + after);
        message.CopyTo(buffer, before);
        return (buffer, before);
    }

    private static byte[] Fill(byte value, int length)
    {
        var buffer = new byte[length];
        Array.Fill(buffer, value);
        return buffer;
    }
}
