using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Prng.Drbg;
using Xunit.Abstractions;

namespace CardFirmware.Crypto.Tests;

/// <summary>
/// HMAC_DRBG against BouncyCastle's HMacSP800Drbg with random personalization, additional input
/// and reseeds (the CAVP vectors in <see cref="HmacDrbgTests"/> cover only empty inputs).
/// </summary>
public class HmacDrbgDifferentialTests(ITestOutputHelper output)
{
    /// <summary>Hands BouncyCastle a scripted sequence of entropy inputs.</summary>
    private sealed class ScriptedEntropy(Queue<byte[]> inputs) : IEntropySource
    {
        public bool IsPredictionResistant => false;

        public int EntropySize => inputs.Peek().Length * 8;

        public byte[] GetEntropy() => inputs.Dequeue();

        public int GetEntropy(Span<byte> output)
        {
            var next = inputs.Dequeue();
            next.CopyTo(output);
            return next.Length;
        }
    }

    [Fact]
    public void Generate_MatchesBouncyCastle_WithAdditionalInputAndReseeds()
    {
        var random = new Random(20261125);
        const int cases = 300;
        for (var i = 0; i < cases; i++)
        {
            byte[] Bytes(int n)
            {
                var b = new byte[n];
                random.NextBytes(b);
                return b;
            }

            var entropy = Bytes(32 + random.Next(33));
            var nonce = Bytes(random.Next(33));
            var personalization = Bytes(random.Next(3) == 0 ? 0 : random.Next(80));
            var reseedEntropy = Bytes(32 + random.Next(16));
            var inputs = new Queue<byte[]>(new[] { entropy, reseedEntropy });
            var reference = new HMacSP800Drbg(new HMac(new Sha256Digest()), 256, new ScriptedEntropy(inputs), personalization, nonce);
            using var drbg = new HmacDrbg(entropy, nonce, personalization);

            for (var step = 0; step < 4; step++)
            {
                if (step == 2)
                {
                    var reseedAdditional = Bytes(random.Next(40));
                    reference.Reseed(reseedAdditional);
                    drbg.Reseed(reseedEntropy, reseedAdditional);
                }

                var additional = random.Next(2) == 0 ? null : Bytes(random.Next(70));
                var length = random.Next(1, 200);
                var expected = new byte[length];
                // SP 800-90A treats an empty additional input as Null (no update); BouncyCastle updates
                // for any non-null array, so hand it null for the empty case.
                reference.Generate(expected, 0, length, additional is { Length: 0 } ? null : additional, false);
                var actual = new byte[length];
                drbg.Generate(actual, 0, length, additional!);
                Assert.True(expected.SequenceEqual(actual), $"seed 20261125 case {i} step {step}");
            }
        }

        output.WriteLine($"HMAC_DRBG: {cases} instances x 4 requests");
    }
}
