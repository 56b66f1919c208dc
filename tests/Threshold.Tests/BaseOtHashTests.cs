using System.Security.Cryptography;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The base OT's seeds and seed confirmation, recomputed from their definitions in BaseOt's
/// documentation with .NET's own SHA-256 (an independent implementation): the batched hashing
/// through the backend must give exactly these bytes on both backends.
/// </summary>
public class BaseOtHashTests
{
    private const byte SeedTag = 7; // Tags.BaseOtSeed
    private const int Bob = 1;
    private const int Alice = 2;

    [SkippableTheory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void SeedsAndConfirmation_MatchTheirDefinitions_OnEachBackend(string backendName)
    {
        var backend = TestBackends.Get(backendName);
        var sid = new byte[Params.SessionIdBytes];
        new TestRandom(51).Fill(sid, 0, sid.Length);
        var senderMessage = new byte[BaseOt.SenderMessageBytes];
        var b = BaseOt.SenderStart(backend, sid, Bob, Alice, new TestRandom(52), senderMessage, 0);
        var delta = new byte[Params.RowBytes];
        var aliceSeeds = new byte[Params.OtWidth * Params.SeedBytes];
        var receiverMessage = new byte[BaseOt.ReceiverMessageBytes];
        BaseOt.Receive(backend, sid, Bob, Alice, senderMessage, 0, new TestRandom(53), delta, aliceSeeds, receiverMessage, 0);
        var seeds0 = new byte[Params.OtWidth * Params.SeedBytes];
        var seeds1 = new byte[Params.OtWidth * Params.SeedBytes];
        BaseOt.SenderFinish(backend, sid, Bob, Alice, b, receiverMessage, 0, seeds0, seeds1);

        var bB = Point.MulBase(backend, b).Mul(backend, b);
        var expected0 = new byte[seeds0.Length];
        var expected1 = new byte[seeds1.Length];
        for (var k = 0; k < Params.OtWidth; k++)
        {
            var s = Point.Decode(backend, receiverMessage, k * Params.PointBytes).Mul(backend, b);
            Seed(sid, k, s).CopyTo(expected0, k * Params.SeedBytes);
            Seed(sid, k, s.Sub(backend, bB)).CopyTo(expected1, k * Params.SeedBytes);
            var chosen = BitMatrix.Bit(delta, k) == 1 ? expected1 : expected0;
            Assert.Equal(chosen.AsSpan(k * Params.SeedBytes, Params.SeedBytes).ToArray(), aliceSeeds.AsSpan(k * Params.SeedBytes, Params.SeedBytes).ToArray());
        }

        Assert.Equal(expected0, seeds0);
        Assert.Equal(expected1, seeds1);

        var confirmation = new byte[BaseOt.ConfirmationBytes];
        BaseOt.Confirm(backend, sid, Bob, Alice, seeds0, seeds1, confirmation, 0);
        Assert.Equal(ExpectedConfirmation(sid, seeds0, seeds1), confirmation);
        Assert.True(BaseOt.CheckConfirmation(backend, sid, Bob, Alice, delta, aliceSeeds, confirmation, 0));

        foreach (var at in new[] { 0, (Params.OtWidth * 16) - 1, Params.OtWidth * 16, BaseOt.ConfirmationBytes - 1 })
        {
            var altered = (byte[])confirmation.Clone();
            altered[at] ^= 0x01;
            Assert.False(BaseOt.CheckConfirmation(backend, sid, Bob, Alice, delta, aliceSeeds, altered, 0));
        }
    }

    // First 16 bytes of SHA-256(tag ‖ sid ‖ bob << 24 | alice << 16 | k ‖ point).
    private static byte[] Seed(byte[] sid, int k, Point shared)
    {
        var point = new byte[Params.PointBytes];
        shared.WriteTo(point, 0);
        return SHA256.HashData([SeedTag, .. sid, .. BigEndian((Bob << 24) | (Alice << 16) | k), .. point])[..Params.SeedBytes];
    }

    // h_c,k = SHA-256(tag ‖ sid ‖ 0x7F000000 | k << 1 | c ‖ seed_c,k)[..16]; h_0,k ⊕ h_1,k for every k, then
    // D = SHA-256(tag ‖ sid ‖ bob << 8 | alice ‖ h_0,0 ‖ h_1,0 ‖ ... ‖ h_1,191).
    private static byte[] ExpectedConfirmation(byte[] sid, byte[] seeds0, byte[] seeds1)
    {
        var output = new List<byte>();
        var transcript = new List<byte> { SeedTag };
        transcript.AddRange(sid);
        transcript.AddRange(BigEndian((Bob << 8) | Alice));
        for (var k = 0; k < Params.OtWidth; k++)
        {
            var h0 = SeedHash(sid, k, 0, seeds0);
            var h1 = SeedHash(sid, k, 1, seeds1);
            transcript.AddRange(h0);
            transcript.AddRange(h1);
            output.AddRange(h0.Zip(h1, (x, y) => (byte)(x ^ y)));
        }

        output.AddRange(SHA256.HashData(transcript.ToArray()));
        return output.ToArray();
    }

    private static byte[] SeedHash(byte[] sid, int k, int choice, byte[] seeds)
    {
        var seed = seeds.AsSpan(k * Params.SeedBytes, Params.SeedBytes).ToArray();
        return SHA256.HashData([SeedTag, .. sid, .. BigEndian(0x7F000000 | (k << 1) | choice), .. seed])[..16];
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
