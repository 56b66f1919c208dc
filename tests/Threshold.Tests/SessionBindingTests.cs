namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The session id fixed jointly and bound into the random-oracle calls of the OT extension (README "Session
/// ids"), and the signer's hedged secrets (README "Signing"): the properties the card relies on when a phone
/// repeats its contribution or the card's generator fails.
/// </summary>
public class SessionBindingTests
{
    private static byte[] Bytes(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    [Fact]
    public void JointSessionId_ChangesWithEveryContribution_TheirOrder_AndTheProtocol()
    {
        var a = Bytes(1);
        var b = Bytes(2);
        var ids = new[]
        {
            JointSessionId.ForSigning([a, b]),
            JointSessionId.ForSigning([a, Bytes(3)]),
            JointSessionId.ForSigning([Bytes(3), b]),
            JointSessionId.ForSigning([b, a]),
            JointSessionId.ForSigning([a, b, Bytes(3)]),
            JointSessionId.ForKeyGeneration([a, b]),
            JointSessionId.ForRefresh([a, b]),
            JointSessionId.ForRecovery([a, b]),
        };

        Assert.All(ids, id => Assert.Equal(32, id.Length));
        Assert.Equal(ids.Length, ids.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(ids[0], JointSessionId.ForSigning([Bytes(1), Bytes(2)]));
    }

    [Fact]
    public void JointSessionId_RefusesMissingOrMisSizedContributions()
    {
        foreach (var contributions in new[] { null!, new[] { Bytes(1) }, new[] { Bytes(1), new byte[31] }, new[] { Bytes(1), null! },
            new[] { Bytes(1), Bytes(2), Bytes(3), Bytes(4) } })
        {
            var e = Assert.Throws<ThresholdException>(() => JointSessionId.ForSigning(contributions));
            Assert.Equal(ThresholdError.InvalidParameters, e.Reason);
        }
    }

    [Fact]
    public void OtRowHash_DependsOnTheSessionIdAndThePair_NotOnlyOnTheRow()
    {
        var row = Enumerable.Range(0, Params.RowBytes).Select(i => (byte)i).ToArray();
        var keys = new[] { ManagedRvole.RowKey(Bytes(1), 1, 2), ManagedRvole.RowKey(Bytes(2), 1, 2), ManagedRvole.RowKey(Bytes(1), 2, 1) };

        var outputs = keys.Select(k => Convert.ToHexString(ScalarBytes(ManagedRvole.HashRow(k, 0, 1, row, 0)))).ToArray();

        Assert.Equal(3, outputs.Distinct().Count());
        Assert.Equal(outputs[0], Convert.ToHexString(ScalarBytes(ManagedRvole.HashRow(ManagedRvole.RowKey(Bytes(1), 1, 2), 0, 1, row, 0))));
    }

    [Fact]
    public void ConstantRng_TwoSessions_GiveDifferentNonces()
    {
        var shares = Harness.Dkg(2, 61);

        var first = NonceCommitment(shares, Harness.Sid(1), null);
        var second = NonceCommitment(shares, Harness.Sid(2), null);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ConstantRng_SameSession_AnotherMessage_GivesAnotherNonce_AndTheSameMessageTheSame()
    {
        var shares = Harness.Dkg(2, 62);
        var hash1 = Bytes(0xA1);
        var hash2 = Bytes(0xA2);

        var first = NonceCommitment(shares, Harness.Sid(3), hash1);

        Assert.NotEqual(first, NonceCommitment(shares, Harness.Sid(3), hash2));
        Assert.Equal(first, NonceCommitment(shares, Harness.Sid(3), hash1));
    }

    [Fact]
    public void ConstantRng_AnotherShare_GivesAnotherNonce()
    {
        var first = NonceCommitment(Harness.Dkg(2, 63), Harness.Sid(4), null);
        var second = NonceCommitment(Harness.Dkg(2, 64), Harness.Sid(4), null);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ConstantRng_HedgedSigning_StillGivesAValidSignature()
    {
        var shares = Harness.Dkg(2, 65);
        var hash = Bytes(0x5C);
        var pair = new Harness.SignPair
        {
            A = new SignParty(shares[0], [1, 2], Harness.Sid(5), null, hash, new ConstantRandom()),
            B = new SignParty(shares[1], [1, 2], Harness.Sid(5), null, hash, new ConstantRandom()),
        };

        var (a, b) = Harness.Sign(pair, hash);

        Assert.Equal(a, b);
        Assert.True(Harness.BouncyVerify(shares[0].PublicKey(), hash, a));
    }

    /// <summary>Party 1's R_1 (33 bytes, from its round-2 message) under a stuck generator.</summary>
    private static string NonceCommitment(KeyShare[] shares, byte[] sid, byte[]? extra)
    {
        var card = new SignParty(shares[0], [1, 2], sid, null, extra, new ConstantRandom());
        var phone = new SignParty(shares[1], [1, 2], sid, null, new TestRandom(9));
        card.Start();
        var phone1 = phone.Start();
        var card2 = card.Round2(phone1)[0];
        return Convert.ToHexString(card2, Wire.HeaderBytes, Params.PointBytes);
    }

    private static byte[] ScalarBytes(Scalar s)
    {
        var b = new byte[32];
        s.WriteTo(b, 0);
        return b;
    }

    /// <summary>A failed generator: every byte is 0x42.</summary>
    private sealed class ConstantRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => Array.Fill(buffer, (byte)0x42, offset, count);
    }
}
