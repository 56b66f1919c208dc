using System.Numerics;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The round-level entry points of the two-party multiplication (KOS extension and RVOLE: RvoleBobStart,
/// RvoleAlice, RvoleBobFinish): both backends give the same bytes on random honest runs, on runs where one
/// side cheats (the checks fire on both), and on malformed scalars; and the outputs satisfy c + d = a·b.
/// A whole round is one case, so the counts are runs, not primitive calls (each run hashes about 5,000 blocks).
/// </summary>
public sealed partial class MultiplicationDifferentialTests(ITestOutputHelper output)
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    [SkippableFact]
    public void Rounds_RandomHonestRuns_AgreeAndMultiply()
    {
        RunMany(3, 1501);
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void Rounds_ManyRandomRuns_AgreeAndMultiply()
    {
        RunMany(150, 1601);
    }

    [SkippableFact]
    public void RvoleAlice_TamperedKosMessage_BothReject()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1701);
        for (var i = 0; i < 4; i++)
        {
            var run = Run.Draw(r);
            var bobMessage = BobStart(Backends.Managed, run).Message;
            var at = i switch
            {
                0 => r.Next(Params.OtWidth * Params.ColumnBytes), // u
                1 => (Params.OtWidth * Params.ColumnBytes) + r.Next(24), // x~
                _ => (Params.OtWidth * Params.ColumnBytes) + 24 + r.Next(24), // t~
            };
            bobMessage[at] ^= (byte)(1 << r.Next(8));
            d.Check($"tampered byte {at}", b =>
            {
                var (accepted, message, shares) = Alice(b, run, bobMessage);
                Assert.False(accepted);
                Assert.All(shares, x => Assert.Equal(0, x));
                return message;
            });
        }

        d.AssertAgreed(4, output, "RvoleAlice with a tampered KOS message");
    }

    [SkippableFact]
    public void RvoleBobFinish_TamperedOrMalformedAliceMessage_BothReject()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1801);
        var run = Run.Draw(r);
        var bobMessage = BobStart(Backends.Managed, run).Message;
        var aliceMessage = Alice(Backends.Managed, run, bobMessage).Message;
        var tail = Params.Batch * Params.VoleColumns * 32;

        // An altered τ (still below n), u or ρ fails the check; a τ or u at or above n is malformed.
        var cases = new List<(string What, byte[] Message, CryptoError? Error)>();
        foreach (var at in new[] { 31, 32 * 700 + 31, tail + 31, tail + 32 + 5 })
        {
            var m = (byte[])aliceMessage.Clone();
            m[at] ^= 1;
            cases.Add(($"flipped byte {at}", m, null));
        }

        foreach (var at in new[] { 0, 32 * 1000, tail })
        {
            var m = (byte[])aliceMessage.Clone();
            Array.Fill(m, (byte)0xFF, at, 32);
            cases.Add(($"scalar at {at} not below n", m, CryptoError.InvalidEncoding));
        }

        foreach (var (what, message, error) in cases)
        {
            d.Check(what, b =>
            {
                var (accepted, shares) = BobFinish(b, run, message);
                Assert.False(accepted);
                Assert.All(shares, x => Assert.Equal(0, x));
                return [];
            });
            if (error is not null)
            {
                Assert.Equal(error, Assert.Throws<CryptoException>(() => BobFinish(Backends.Managed, run, message)).Error);
            }
        }

        d.AssertAgreed(cases.Count, output, "RvoleBobFinish with a tampered or malformed Alice message");
        Assert.Equal(3, d.Errors);
    }

    [SkippableFact]
    public void Rounds_WrongSizes_RejectedBeforeNativeCode()
    {
        var native = Backends.RequireNative();
        var r = new RandomInputs(1901);
        var run = Run.Draw(r);
        foreach (var backend in new[] { Backends.Managed, native })
        {
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleBobStart(run.Seeds0, run.Seeds1, run.Context[..33], run.Choices, new byte[Rvole.WorkBytes], new byte[Kos.MessageBytes], 0, new byte[32])).Error);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleBobStart(run.Seeds0, run.Seeds1, run.Context, run.Choices, new byte[Rvole.WorkBytes - 1], new byte[Kos.MessageBytes], 0, new byte[32])).Error);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleAlice(run.Delta, run.SeedsDelta, run.Context, new byte[Kos.MessageBytes], 1, run.Inputs, new byte[Rvole.WorkBytes], new byte[Rvole.AliceMessageBytes], 0, new byte[64])).Error);
            Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() =>
                backend.RvoleBobFinish(run.Seeds0, run.Choices, run.Context, new byte[Rvole.AliceMessageBytes], 0, new byte[Rvole.WorkBytes], new byte[63])).Error);
        }
    }

    private void RunMany(int runs, int seed)
    {
        var native = Backends.RequireNative();
        var start = new Differential(native);
        var alice = new Differential(native);
        var finish = new Differential(native);
        var r = new RandomInputs(seed);
        for (var i = 0; i < runs; i++)
        {
            var run = Run.Draw(r);
            start.Check($"run {i} bob start", b => Concat(BobStart(b, run)));
            var (bobMessage, bobInput) = BobStart(Backends.Managed, run);
            byte[]? aliceMessage = null;
            byte[]? c = null;
            alice.Check($"run {i} alice", b =>
            {
                var (accepted, message, shares) = Alice(b, run, bobMessage);
                Assert.True(accepted);
                aliceMessage ??= message;
                c ??= shares;
                return [.. message, .. shares];
            });
            byte[]? dShares = null;
            finish.Check($"run {i} bob finish", b =>
            {
                var (accepted, shares) = BobFinish(b, run, aliceMessage!);
                Assert.True(accepted);
                dShares ??= shares;
                return shares;
            });

            // c_i + d_i = a_i·b (DKLs23 Functionality 3.5).
            var bValue = Big(bobInput, 0);
            for (var k = 0; k < 2; k++)
            {
                var sum = (Big(c!, 32 * k) + Big(dShares!, 32 * k)) % N;
                Assert.Equal(Big(run.Inputs, 32 * k) * bValue % N, sum);
            }
        }

        start.AssertAgreed(runs, output, "RvoleBobStart");
        alice.AssertAgreed(runs, output, "RvoleAlice");
        finish.AssertAgreed(runs, output, "RvoleBobFinish");
    }

    private static (byte[] Message, byte[] BobInput) BobStart(IArithmeticBackend b, Run run)
    {
        var message = new byte[Kos.MessageBytes];
        var input = new byte[32];
        b.RvoleBobStart(run.Seeds0, run.Seeds1, run.Context, run.Choices, new byte[Rvole.WorkBytes], message, 0, input);
        return (message, input);
    }

    private static (bool Accepted, byte[] Message, byte[] Shares) Alice(IArithmeticBackend b, Run run, byte[] bobMessage)
    {
        // Offsets inside larger buffers, as in a wire message.
        var inbound = new byte[bobMessage.Length + 7];
        bobMessage.CopyTo(inbound, 7);
        var outbound = new byte[Rvole.AliceMessageBytes + 3];
        var shares = new byte[64];
        var accepted = b.RvoleAlice(run.Delta, run.SeedsDelta, run.Context, inbound, 7, run.Inputs, new byte[Rvole.WorkBytes], outbound, 3, shares);
        return (accepted, outbound[3..], shares);
    }

    private static (bool Accepted, byte[] Shares) BobFinish(IArithmeticBackend b, Run run, byte[] aliceMessage)
    {
        var inbound = new byte[aliceMessage.Length + 5];
        aliceMessage.CopyTo(inbound, 5);
        var shares = new byte[64];
        var accepted = b.RvoleBobFinish(run.Seeds0, (byte[])run.Choices.Clone(), run.Context, inbound, 5, new byte[Rvole.WorkBytes], shares);
        return (accepted, shares);
    }

    private static byte[] Concat((byte[] A, byte[] B) x) => [.. x.A, .. x.B];

    private static BigInteger Big(byte[] b, int offset) => new(b.AsSpan(offset, 32), isUnsigned: true, isBigEndian: true);

    /// <summary>One honest base-OT setup for a pair and the secrets of one multiplication.</summary>
    private sealed record Run(byte[] Seeds0, byte[] Seeds1, byte[] Delta, byte[] SeedsDelta, byte[] Context, byte[] Choices, byte[] Inputs)
    {
        public static Run Draw(RandomInputs r)
        {
            var seeds0 = r.Bytes(Params.OtWidth * 16);
            var seeds1 = r.Bytes(Params.OtWidth * 16);
            var delta = r.Bytes(24);
            var seedsDelta = new byte[seeds0.Length];
            for (var k = 0; k < Params.OtWidth; k++)
            {
                var chosen = ((delta[k >> 3] >> (k & 7)) & 1) == 1 ? seeds1 : seeds0;
                Array.Copy(chosen, 16 * k, seedsDelta, 16 * k, 16);
            }

            var context = r.Bytes(Rvole.ContextBytes);
            context[32] = (byte)(1 + r.Next(3));
            context[33] = (byte)(1 + r.Next(3));
            return new Run(seeds0, seeds1, delta, seedsDelta, context, r.Bytes(Params.ColumnBytes), r.ScalarVector(3));
        }
    }
}
