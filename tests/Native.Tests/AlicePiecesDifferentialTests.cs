using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Native.Tests;

/// <summary>
/// Alice's round in pieces (RvoleAliceBegin, RvoleAliceRows, RvoleAliceEnd): on both backends the pieces, for any split of
/// the 416 rows into batches of 8, give byte for byte the message and shares of the one-call RvoleAlice; a failed KOS check,
/// a count that is not a whole batch, rows past the last one and an end before the last row are refused alike.
/// </summary>
public sealed partial class MultiplicationDifferentialTests
{
    [SkippableFact]
    public void RvoleAlicePieces_RandomSplits_MatchTheOneCallRound()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(2101);
        const int runs = 3;
        for (var i = 0; i < runs; i++)
        {
            var run = Run.Draw(r);
            var bobMessage = BobStart(Backends.Managed, run).Message;
            var (accepted, reference, referenceShares) = Alice(Backends.Managed, run, bobMessage);
            Assert.True(accepted);
            var splits = new List<int>();
            for (var left = Params.Batch; left > 0;)
            {
                var rows = Math.Min(left, 8 * (1 + r.Next(i == 0 ? 1 : 12)));
                splits.Add(rows);
                left -= rows;
            }

            d.Check($"run {i} in {splits.Count} pieces", b =>
            {
                var (message, shares) = AliceInPieces(b, run, bobMessage, splits);
                Assert.Equal(reference, message);
                Assert.Equal(referenceShares, shares);
                return [.. message, .. shares];
            });
        }

        d.AssertAgreed(runs, output, "RvoleAlice in pieces");
    }

    [SkippableFact]
    public void RvoleAlicePieces_TamperedKosMessage_BothRefuseAtBegin()
    {
        var native = Backends.RequireNative();
        var r = new RandomInputs(2103);
        var run = Run.Draw(r);
        var bobMessage = BobStart(Backends.Managed, run).Message;
        bobMessage[r.Next(Params.OtWidth * Params.ColumnBytes)] ^= 2;
        foreach (var backend in new[] { Backends.Managed, native })
        {
            Assert.False(backend.RvoleAliceBegin(run.Delta, run.SeedsDelta, run.Context, bobMessage, 0, new byte[Rvole.WorkBytes], new byte[Rvole.StreamStateBytes]));
        }
    }

    [SkippableFact]
    public void RvoleAlicePieces_MisorderedCalls_RefusedAlike()
    {
        var native = Backends.RequireNative();
        var r = new RandomInputs(2105);
        var run = Run.Draw(r);
        var bobMessage = BobStart(Backends.Managed, run).Message;
        foreach (var backend in new[] { Backends.Managed, native })
        {
            var work = new byte[Rvole.WorkBytes];
            var state = new byte[Rvole.StreamStateBytes];
            Assert.True(backend.RvoleAliceBegin(run.Delta, run.SeedsDelta, run.Context, bobMessage, 0, work, state));
            var tau = new byte[Params.Batch * Rvole.TauRowBytes];
            var tail = new byte[64];

            // Not a whole batch of 8 rows; an end before the last row; rows past the last one.
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleAliceRows(run.Delta, run.Context, run.Inputs, work, state, 12, tau, 0)).Error);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleAliceEnd(run.Context, run.Inputs, work, state, tail, 0, new byte[64])).Error);
            backend.RvoleAliceRows(run.Delta, run.Context, run.Inputs, work, state, 400, tau, 0);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleAliceRows(run.Delta, run.Context, run.Inputs, work, state, 24, tau, 0)).Error);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleAliceEnd(run.Context, run.Inputs, work, state, tail, 0, new byte[64])).Error);
            backend.RvoleAliceRows(run.Delta, run.Context, run.Inputs, work, state, 16, tau, 400 * Rvole.TauRowBytes);
            backend.RvoleAliceEnd(run.Context, run.Inputs, work, state, tail, 0, new byte[64]);
            Assert.Equal(Alice(Backends.Managed, run, bobMessage).Message, tau.Concat(tail).ToArray());
        }
    }

    private static (byte[] Message, byte[] Shares) AliceInPieces(IArithmeticBackend b, Run run, byte[] bobMessage, List<int> splits)
    {
        var work = new byte[Rvole.WorkBytes];
        var state = new byte[Rvole.StreamStateBytes];
        Assert.True(b.RvoleAliceBegin(run.Delta, run.SeedsDelta, run.Context, bobMessage, 0, work, state));
        var message = new List<byte>();
        foreach (var rows in splits)
        {
            // Each piece in its own buffer at an offset, as the card writes it where the channel encrypts it.
            var piece = new byte[rows * Rvole.TauRowBytes + 9];
            b.RvoleAliceRows(run.Delta, run.Context, run.Inputs, work, state, rows, piece, 9);
            message.AddRange(piece.AsSpan(9).ToArray());
        }

        var tail = new byte[64 + 2];
        var shares = new byte[64];
        b.RvoleAliceEnd(run.Context, run.Inputs, work, state, tail, 2, shares);
        message.AddRange(tail.AsSpan(2).ToArray());
        return ([.. message], shares);
    }
}
