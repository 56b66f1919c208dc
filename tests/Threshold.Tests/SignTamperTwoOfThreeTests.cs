using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// A 2-of-3 key and one recorded signing session per signer pair: the replay mutations take the same sender's
/// message from the session of the same pair, the third-party substitutions the non-signer's message from the
/// session of the non-signer with the receiver.
/// </summary>
public sealed class SignFixtureTwoOfThree
{
    public static readonly (int I, int J)[] SignerPairs = { (1, 2), (1, 3), (2, 3) };

    public SignFixtureTwoOfThree()
    {
        Shares = Harness.Dkg(3, 320);
        var hash = SHA256.HashData(new byte[] { 3 });
        foreach (var (i, j) in SignerPairs)
        {
            var o = SignTamperRun.Run(Harness.Pair(Shares[i - 1], Shares[j - 1], 330 + (10 * i) + j), new[] { i, j }, hash, 0, 0, m => m);
            Assert.All(o.Signatures, Assert.NotNull);
            foreach (var ((round, from), message) in o.Sent)
            {
                Recorded[(round, from, from == i ? j : i)] = message;
            }
        }
    }

    public KeyShare[] Shares { get; }

    /// <summary>Recorded[(round, from, to)]: the round's message from <c>from</c> to <c>to</c> in another session of that pair.</summary>
    public Dictionary<(int Round, int From, int To), byte[]> Recorded { get; } = new();
}

/// <summary>
/// Tampering with 2-of-3 signing, for each signer pair (1,2), (1,3), (2,3): every round x mutation x sender (one case
/// per round and mutation covers the six), and the non-signer's message put in the place of the sender's.
/// </summary>
/// <remarks>
/// Each run asserts (<see cref="SignTamperRun.AssertAbortsWithoutSignature"/>) that the receiver aborts with a
/// reason and the sender as culprit, refuses further calls and releases no signature; that the sender neither
/// aborts nor signs unless the altered value only shows in the signature (ψ: both abort) or the tampering came in
/// the last round (the sender then holds a signature that verifies).
/// </remarks>
public class SignTamperTwoOfThreeTests : IClassFixture<SignFixtureTwoOfThree>
{
    private static readonly byte[] Hash = SHA256.HashData(new byte[] { 4 });

    private readonly SignFixtureTwoOfThree f;

    public SignTamperTwoOfThreeTests(SignFixtureTwoOfThree f)
    {
        this.f = f;
    }

    /// <summary>How the non-signer's recorded message is put in the place of the sender's.</summary>
    public enum Substitution
    {
        AsSent,
        UnderThisSession,
        AsTheSenders,
    }

    public static IEnumerable<object[]> Cases() => Mutator.RoundsTimesMutations(3);

    private static IEnumerable<(int I, int J, int From)> SignerPairsTimesSenders()
    {
        return SignFixtureTwoOfThree.SignerPairs.SelectMany(p => new[] { (p.I, p.J, p.I), (p.I, p.J, p.J) });
    }

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_TwoOfThree_EverySignerPair_AbortsWithReason_WhenAMessageIsTampered(int round, Mutation mutation)
    {
        Mutator.CheckEach(SignerPairsTimesSenders(), c =>
        {
            int to = c.From == c.I ? c.J : c.I;
            var other = f.Recorded[(round, c.From, to)];
            var otherRound = f.Recorded[((round % 3) + 1, c.From, to)];
            var ex = RunTampered(c.I, c.J, c.From, round, m => Mutator.Apply(mutation, m, other, otherRound));
            Mutator.AssertReasonFits(mutation, ex.Reason);
            Assert.Equal(c.From, ex.Culprit);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sign_TwoOfThree_AbortsBlamingTheSender_WhenTheNonSignersMessageTakesItsPlace(int round)
    {
        var cases = from c in SignerPairsTimesSenders() from s in Enum.GetValues<Substitution>() select (c.I, c.J, c.From, s);
        Mutator.CheckEach(cases, c =>
        {
            int to = c.From == c.I ? c.J : c.I;
            int nonSigner = 6 - c.I - c.J;
            var third = f.Recorded[(round, nonSigner, to)];
            var ex = RunTampered(c.I, c.J, c.From, round, m =>
            {
                var x = (byte[])third.Clone();
                if (c.s != Substitution.AsSent)
                {
                    Array.Copy(m, 5, x, 5, 32);
                }

                if (c.s == Substitution.AsTheSenders)
                {
                    x[3] = m[3];
                }

                return x;
            });

            // The message arrived on the sender's channel: the sender is blamed, not the non-signer who wrote it in
            // another session. Relabelled as the sender's, it fails the first check that binds it to this pair:
            // the OT extension built on the pair's base OTs (round 1), the nonce commitment (round 2), the
            // signature (round 3).
            var expected = c.s != Substitution.AsTheSenders ? ThresholdError.UnexpectedMessage
                : round == 1 ? ThresholdError.OtExtensionCheckFailed
                : round == 2 ? ThresholdError.CommitmentMismatch
                : ThresholdError.InvalidSignature;
            Assert.Equal(expected, ex.Reason);
            Assert.Equal(c.From, ex.Culprit);
        });
    }

    private ThresholdException RunTampered(int i, int j, int from, int round, Func<byte[], byte[]> tamper)
    {
        var pair = Harness.Pair(f.Shares[i - 1], f.Shares[j - 1], 350 + (10 * i) + j);
        var o = SignTamperRun.Run(pair, new[] { i, j }, Hash, round, from, tamper);
        return SignTamperRun.AssertAbortsWithoutSignature(o, round, from, from == i ? j : i, pair.A.PublicKey(), Hash);
    }
}
