using System.Security.Cryptography;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The card sends its signing round-2 message in pieces (<see cref="SignParty.Round2Open"/>, <see cref="SignParty.Round2Next"/>):
/// joined, the pieces must be byte for byte the message of the one-call round, for every piece size and on both backends,
/// and the run must end in the same signature; misuse ends the run with a typed error and wiped secrets.
/// </summary>
public class Round2PiecesTests
{
    private static readonly byte[] Hash = SHA256.HashData(new byte[] { 4, 4, 1 });

    private static readonly Lazy<KeyShare[]> Shares = new(() => Harness.Dkg(2, 960));

    [SkippableTheory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Round2InPieces_AnyPieceSize_JoinsToTheOneCallMessageAndSigns(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var (reference, referenceRound2) = SignInOneCall(backend);
        foreach (var capacity in new[] { SignParty.Round2MinPieceBytes, 4032, 1000, 12_345, 50_000 })
        {
            var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 961, backend: backend);
            var fromA1 = pair.A.Start()[0];
            var fromB1 = pair.B.Start()[0];

            var length = pair.A.Round2Open(fromB1, 0, fromB1.Length);
            Assert.Equal(SignParty.Round2MessageBytes, length);
            var (fromA2, pieces) = Pull(pair.A, capacity);
            Assert.Equal(PartyState.Round2Sent, pair.A.State);
            Assert.Equal(referenceRound2, fromA2);
            Assert.All(pieces, p => Assert.InRange(p, 1, capacity));

            var fromB2 = pair.B.Round2([fromA1])[0];
            pair.A.Presign([fromB2]);
            pair.B.Presign([fromA2]);
            var fromA3 = pair.A.SignHash(Hash)[0];
            var signature = pair.A.Combine(pair.B.SignHash(Hash));
            Assert.Equal(signature, pair.B.Combine([fromA3]));
            Assert.Equal(reference, signature);
        }
    }

    [Fact]
    public void Round2InPieces_CardPieceSize_ElevenPiecesUnder4KiB()
    {
        var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 963);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];
        pair.A.Round2Open(fromB1, 0, fromB1.Length);

        var (message, pieces) = Pull(pair.A, 4032);

        Assert.Equal(40_172, message.Length);
        Assert.Equal(11, pieces.Count);
        Assert.All(pieces, p => Assert.InRange(p, 1, 4032));
    }

    [Fact]
    public void Round2Next_CapacityBelowOneBatch_AbortsWritingNothing()
    {
        var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 965);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];
        pair.A.Round2Open(fromB1, 0, fromB1.Length);
        var output = Enumerable.Repeat((byte)0xEE, 2000).ToArray();

        var e = Assert.Throws<ThresholdException>(() => pair.A.Round2Next(output, 0, SignParty.Round2MinPieceBytes - 1));

        Assert.Equal(ThresholdError.InvalidParameters, e.Reason);
        Assert.Equal(PartyState.Aborted, pair.A.State);
        Assert.All(output, b => Assert.Equal(0xEE, b));
        Assert.Throws<ThresholdException>(() => pair.A.Round2Next(output, 0, output.Length));
    }

    [Fact]
    public void Round2InPieces_OtherRoundsWhileSending_AbortTheRun()
    {
        var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 967);
        var fromA1 = pair.A.Start()[0];
        var fromB1 = pair.B.Start()[0];
        pair.A.Round2Open(fromB1, 0, fromB1.Length);
        pair.A.Round2Next(new byte[4032], 0, 4032);
        var fromB2 = pair.B.Round2([fromA1])[0];

        var e = Assert.Throws<ThresholdException>(() => pair.A.Presign([fromB2]));

        Assert.Equal(ThresholdError.InvalidState, e.Reason);
        Assert.Equal(PartyState.Aborted, pair.A.State);
        Assert.Throws<ThresholdException>(() => pair.A.Round2Next(new byte[4032], 0, 4032));
    }

    [Fact]
    public void Round2Open_TamperedKosMessage_AbortsBeforeAnyPiece()
    {
        var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 969);
        pair.A.Start();
        var fromB1 = pair.B.Start()[0];
        fromB1[Wire.HeaderBytes + 64 + 500] ^= 4;

        var e = Assert.Throws<ThresholdException>(() => pair.A.Round2Open(fromB1, 0, fromB1.Length));

        Assert.Equal(ThresholdError.OtExtensionCheckFailed, e.Reason);
        Assert.Equal(2, e.Culprit);
        Assert.Equal(PartyState.Aborted, pair.A.State);
    }

    private static (byte[] Message, List<int> Pieces) Pull(SignParty party, int capacity)
    {
        var message = new List<byte>();
        var pieces = new List<int>();
        var buffer = new byte[capacity + 10];
        while (party.State == PartyState.Round2Sending)
        {
            var n = party.Round2Next(buffer, 5, capacity);
            pieces.Add(n);
            message.AddRange(buffer.AsSpan(5, n).ToArray());
        }

        return ([.. message], pieces);
    }

    private static (byte[] Signature, byte[] Round2) SignInOneCall(IArithmeticBackend backend)
    {
        var pair = Harness.Pair(Shares.Value[0], Shares.Value[1], 961, backend: backend);
        var fromA1 = pair.A.Start();
        var fromB1 = pair.B.Start();
        var fromA2 = pair.A.Round2(fromB1);
        var fromB2 = pair.B.Round2(fromA1);
        pair.A.Presign(fromB2);
        pair.B.Presign(fromA2);
        pair.A.SignHash(Hash);
        return (pair.A.Combine(pair.B.SignHash(Hash)), fromA2[0]);
    }
}
