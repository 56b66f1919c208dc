using System.Security.Cryptography;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Recovery of a lost party's share (2-of-3): the two survivors deal a fresh sharing of the same key to all three.</summary>
public class RecoveryTests : IClassFixture<KeysFixture>
{
    private static readonly (int, int)[] SignerPairs = { (1, 2), (1, 3), (2, 3) };

    private readonly KeysFixture keys;

    public RecoveryTests(KeysFixture keys)
    {
        this.keys = keys;
    }

    private KeyShare[] CopyOfTwoOfThree() => keys.TwoOfThree.Select(s => KeyShare.Deserialize(s.Serialize())).ToArray();

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Recovery_OfEachParty_KeepsTheXpub_AndEveryPairSignsUnderRootAndChildKeys(int lost)
    {
        var old = CopyOfTwoOfThree();
        var fresh = Harness.Recover(old.Where(s => s.Index != lost).ToArray(), lost, 1000 + lost);

        Assert.Equal(new[] { 1, 2, 3 }, fresh.Select(s => s.Index));
        var path = new uint[] { 44, 0, (uint)lost };
        foreach (var s in fresh)
        {
            Assert.Equal(old[0].PublicKey(), s.PublicKey());
            Assert.Equal(old[0].ChainCode, s.ChainCode);
            Assert.Equal(fresh[0].KeyId, s.KeyId);
            Assert.NotEqual(old[0].KeyId, s.KeyId);
        }

        var rnd = new Random(lost);
        foreach (var (i, j) in SignerPairs)
        {
            foreach (var p in new[] { null, path })
            {
                var pk = p == null ? old[0].PublicKey() : old[0].ChildPublicKey(p);
                var hash = new byte[32];
                rnd.NextBytes(hash);
                var (a, b) = Harness.Sign(Harness.Pair(fresh[i - 1], fresh[j - 1], 1010 + 10 * lost + i + j + (p == null ? 0 : 5), p), hash);
                Assert.Equal(a, b);
                Assert.True(Harness.BouncyVerify(pk, hash, a));
                Assert.True(Ecdsa.Managed.Verify(pk, hash, a, true));
            }
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Recovery_TheLostShareAndTheSurvivorsOldShares_NoLongerSignWithTheNewShares()
    {
        var old = CopyOfTwoOfThree();
        var lostBlob = old[0].Serialize();
        var oldSurvivorBlob = old[1].Serialize();
        var fresh = Harness.Recover(new[] { old[1], old[2] }, 1, 1100);
        var hash = SHA256.HashData(new byte[] { 11 });

        // A thief holding the lost card's share gains nothing from a survivor's new share, and a
        // survivor's old share does not pair with the new ones either.
        foreach (var (stale, peer) in new[] { (lostBlob, fresh[1]), (lostBlob, fresh[2]), (oldSurvivorBlob, fresh[2]), (oldSurvivorBlob, fresh[0]) })
        {
            var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(Harness.Pair(KeyShare.Deserialize(stale), peer, 1101), hash));
            Assert.Equal(ThresholdError.KeyMismatch, ex.Reason);
        }

        // The rebuilt share is a new one, not the lost one restored (byte 36.. is the secret share).
        Assert.NotEqual(lostBlob[36..68], fresh[0].Serialize()[36..68]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Recovery_LostPartyExpectingAnotherWallet_AbortsWithKeyMismatch()
    {
        var old = CopyOfTwoOfThree();
        var ex = Assert.Throws<ThresholdException>(() =>
            Harness.Recover(new[] { old[0], old[1] }, 3, 1200, publicKey: keys.TwoOfTwo[0].PublicKey()));
        Assert.Equal(ThresholdError.KeyMismatch, ex.Reason);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Recovery_LostPartyExpectingAnotherChainCode_AbortsWithTranscriptMismatch()
    {
        var old = CopyOfTwoOfThree();
        var otherChainCode = (byte[])old[0].ChainCode.Clone();
        otherChainCode[0] ^= 1;
        var ex = Assert.Throws<ThresholdException>(() =>
            Harness.Recover(new[] { old[0], old[1] }, 3, 1300, chainCode: otherChainCode));
        Assert.Equal(ThresholdError.TranscriptMismatch, ex.Reason);
        Assert.Equal(3, ex.Culprit);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Recovery_ASurvivorDealingFromAnotherKey_IsBlamedAndNobodyGetsAShare()
    {
        var honest = CopyOfTwoOfThree()[1];
        var impostor = Harness.Dkg(3, 1400)[2];
        var sid = Harness.Sid(1401);
        var parties = new[]
        {
            DkgParty.ForLostParty(3, 1, honest.PublicKey(), honest.ChainCode, sid, new TestRandom(1)),
            DkgParty.ForRecovery(honest, 1, sid, new TestRandom(2)),
            DkgParty.ForRecovery(impostor, 1, sid, new TestRandom(3)),
        };
        var in1 = Harness.Route(parties.Select(p => p.Start()).ToArray(), 3, 1, null);
        var in2 = Harness.Route(parties.Select((p, i) => p.Round2(in1[i])).ToArray(), 3, 2, null);
        var errors = parties.Select((p, i) => Record.Exception(() => p.Round3(in2[i])) as ThresholdException).ToArray();

        // The honest survivor checks the impostor's constant against the wallet's public share of party 3.
        Assert.Equal(ThresholdError.InvalidShare, errors[1]!.Reason);
        Assert.Equal(3, errors[1]!.Culprit);
        // The lost party sees the constants miss the wallet key it expects.
        Assert.Equal(ThresholdError.KeyMismatch, errors[0]!.Reason);
        Assert.All(parties, p => Assert.Equal(PartyState.Aborted, p.State));
    }

    [Fact]
    public void Recovery_RefusesImpossibleParameters()
    {
        var two = keys.TwoOfTwo[0];
        var three = keys.TwoOfThree[0];
        var sid = Harness.Sid(1);
        // 2-of-2 has a single survivor, below the threshold: a lost share there is unrecoverable by design.
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() => DkgParty.ForRecovery(two, 2, sid, new TestRandom(1))).Reason);
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() => DkgParty.ForRecovery(three, 1, sid, new TestRandom(1))).Reason);
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() => DkgParty.ForRecovery(three, 4, sid, new TestRandom(1))).Reason);
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() => DkgParty.ForLostParty(2, 1, two.PublicKey(), two.ChainCode, sid, new TestRandom(1))).Reason);
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() => DkgParty.ForLostParty(3, 1, three.PublicKey(), new byte[31], sid, new TestRandom(1))).Reason);
        var notAPoint = new byte[33];
        notAPoint[0] = 5;
        Assert.Equal(ThresholdError.InvalidPoint, Assert.Throws<ThresholdException>(() => DkgParty.ForLostParty(3, 1, notAPoint, three.ChainCode, sid, new TestRandom(1))).Reason);
    }

    [Fact]
    public void Recovery_RefusesARefreshMessageOfTheSameSession()
    {
        var old = CopyOfTwoOfThree();
        var sid = Harness.Sid(1500);
        var refresh = DkgParty.ForRefresh(old[1], sid, new TestRandom(1)).Start();
        var survivor = DkgParty.ForRecovery(old[0], 3, sid, new TestRandom(2));
        survivor.Start();
        var ex = Assert.Throws<ThresholdException>(() => survivor.Round2(new[] { refresh[0], refresh[1] }));
        Assert.Equal(ThresholdError.UnexpectedMessage, ex.Reason);
        Assert.Equal(PartyState.Aborted, survivor.State);
    }
}
