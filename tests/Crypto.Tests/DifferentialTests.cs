using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Xunit.Abstractions;
using BcChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;
using NetChaCha20Poly1305 = System.Security.Cryptography.ChaCha20Poly1305;
using NetHkdf = System.Security.Cryptography.HKDF;
using NetHmacSha256 = System.Security.Cryptography.HMACSHA256;
using NetHmacSha512 = System.Security.Cryptography.HMACSHA512;
using NetSha256 = System.Security.Cryptography.SHA256;
using NetSha512 = System.Security.Cryptography.SHA512;

namespace CardFirmware.Crypto.Tests;

/// <summary>
/// Differential property tests: the managed primitives against BouncyCastle and
/// System.Security.Cryptography on seeded random inputs, with the lengths around block
/// boundaries always included. A failure message names the seed and case so it reproduces.
/// </summary>
public class DifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20261123;

    /// <summary>Lengths that sit on or next to the 16-, 64- and 128-byte block and padding boundaries.</summary>
    private static readonly int[] EdgeLengths =
    {
        0, 1, 15, 16, 17, 31, 32, 33, 55, 56, 57, 63, 64, 65, 111, 112, 113, 119, 120, 127, 128, 129, 191, 192, 255, 256, 257, 1000,
    };

    private static int Length(Random random, int i, int max) =>
        i < EdgeLengths.Length ? EdgeLengths[i] : random.Next(max + 1);

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Feeds data to an incremental API in random-sized pieces.</summary>
    private static void FeedInPieces(Random random, byte[] data, Action<byte[], int, int> update)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var take = Math.Min(data.Length - offset, random.Next(1, 150));
            update(data, offset, take);
            offset += take;
        }
    }

    [Fact]
    public void Sha256_MatchesBouncyCastleAndDotNet_OnRandomLengths()
    {
        var random = new Random(Seed);
        const int cases = 3000;
        for (var i = 0; i < cases; i++)
        {
            var data = Bytes(random, Length(random, i, 600));
            var expected = NetSha256.HashData(data);
            var bc = new Sha256Digest();
            bc.BlockUpdate(data, 0, data.Length);
            var bcOut = new byte[32];
            bc.DoFinal(bcOut, 0);
            Assert.True(expected.SequenceEqual(bcOut), $"reference mismatch, seed {Seed} case {i}");

            Assert.True(expected.SequenceEqual(Sha256.Hash(data)), $"one-shot, seed {Seed} case {i} length {data.Length}");
            var sha = new Sha256();
            FeedInPieces(random, data, sha.Update);
            var incremental = new byte[40];
            sha.Final(incremental, 8);
            Assert.True(expected.SequenceEqual(incremental.Skip(8)), $"incremental, seed {Seed} case {i} length {data.Length}");
        }

        output.WriteLine($"SHA-256: {cases} cases");
    }

    [Fact]
    public void Sha512_MatchesBouncyCastleAndDotNet_OnRandomLengths()
    {
        var random = new Random(Seed + 1);
        const int cases = 3000;
        for (var i = 0; i < cases; i++)
        {
            var data = Bytes(random, Length(random, i, 600));
            var expected = NetSha512.HashData(data);
            var bc = new Sha512Digest();
            bc.BlockUpdate(data, 0, data.Length);
            var bcOut = new byte[64];
            bc.DoFinal(bcOut, 0);
            Assert.True(expected.SequenceEqual(bcOut), $"reference mismatch, seed {Seed + 1} case {i}");

            Assert.True(expected.SequenceEqual(Sha512.Hash(data)), $"one-shot, seed {Seed + 1} case {i} length {data.Length}");
            var sha = new Sha512();
            FeedInPieces(random, data, sha.Update);
            var incremental = new byte[64];
            sha.Final(incremental, 0);
            Assert.True(expected.SequenceEqual(incremental), $"incremental, seed {Seed + 1} case {i} length {data.Length}");
        }

        output.WriteLine($"SHA-512: {cases} cases");
    }

    [Fact]
    public void HmacSha256_MatchesBouncyCastleAndDotNet_OnRandomKeysAndLengths()
    {
        var random = new Random(Seed + 2);
        const int cases = 2000;
        for (var i = 0; i < cases; i++)
        {
            var key = Bytes(random, Length(random, (i * 7) % cases, 200));
            var data = Bytes(random, Length(random, i, 400));
            var expected = NetHmacSha256.HashData(key, data);
            var bc = new HMac(new Sha256Digest());
            bc.Init(new KeyParameter(key));
            bc.BlockUpdate(data, 0, data.Length);
            var bcOut = new byte[32];
            bc.DoFinal(bcOut, 0);
            Assert.True(expected.SequenceEqual(bcOut), $"reference mismatch, seed {Seed + 2} case {i}");

            Assert.True(expected.SequenceEqual(HmacSha256.Compute(key, data)), $"one-shot, seed {Seed + 2} case {i} key {key.Length} data {data.Length}");
            using var mac = new HmacSha256(key);
            for (var round = 0; round < 2; round++)
            {
                FeedInPieces(random, data, mac.Update);
                var tag = new byte[32];
                mac.Final(tag, 0);
                Assert.True(expected.SequenceEqual(tag), $"incremental round {round}, seed {Seed + 2} case {i}");
            }
        }

        output.WriteLine($"HMAC-SHA256: {cases} cases");
    }

    [Fact]
    public void HmacSha512_MatchesBouncyCastleAndDotNet_OnRandomKeysAndLengths()
    {
        var random = new Random(Seed + 3);
        const int cases = 2000;
        for (var i = 0; i < cases; i++)
        {
            var key = Bytes(random, Length(random, (i * 7) % cases, 300));
            var data = Bytes(random, Length(random, i, 400));
            var expected = NetHmacSha512.HashData(key, data);
            var bc = new HMac(new Sha512Digest());
            bc.Init(new KeyParameter(key));
            bc.BlockUpdate(data, 0, data.Length);
            var bcOut = new byte[64];
            bc.DoFinal(bcOut, 0);
            Assert.True(expected.SequenceEqual(bcOut), $"reference mismatch, seed {Seed + 3} case {i}");

            Assert.True(expected.SequenceEqual(HmacSha512.Compute(key, data)), $"one-shot, seed {Seed + 3} case {i} key {key.Length} data {data.Length}");
            using var mac = new HmacSha512(key);
            FeedInPieces(random, data, mac.Update);
            var tag = new byte[64];
            mac.Final(tag, 0);
            Assert.True(expected.SequenceEqual(tag), $"incremental, seed {Seed + 3} case {i}");
        }

        output.WriteLine($"HMAC-SHA512: {cases} cases");
    }

    [Fact]
    public void Hkdf_MatchesBouncyCastleAndDotNet_OnRandomInputs()
    {
        var random = new Random(Seed + 4);
        const int cases = 2000;
        for (var i = 0; i < cases; i++)
        {
            var ikm = Bytes(random, 1 + random.Next(100));
            var salt = Bytes(random, Length(random, i, 130));
            var info = Bytes(random, Length(random, (i * 3) % cases, 130));
            var length = i < EdgeLengths.Length ? EdgeLengths[i] : 1 + random.Next(300);
            if (i == 0)
            {
                length = 255 * 32;
            }

            var expected = length == 0 ? Array.Empty<byte>() : NetHkdf.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, ikm, length, salt, info);
            var bc = new HkdfBytesGenerator(new Sha256Digest());
            bc.Init(new HkdfParameters(ikm, salt, info));
            var bcOut = new byte[length];
            bc.GenerateBytes(bcOut, 0, length);
            Assert.True(expected.SequenceEqual(bcOut), $"reference mismatch, seed {Seed + 4} case {i}");

            Assert.True(expected.SequenceEqual(Hkdf.DeriveKey(salt, ikm, info, length)), $"seed {Seed + 4} case {i} length {length}");
        }

        output.WriteLine($"HKDF-SHA256: {cases} cases");
    }

    [Fact]
    public void ChaCha20Poly1305_MatchesBouncyCastleAndDotNet_OnRandomInputs()
    {
        var random = new Random(Seed + 5);
        const int cases = 2000;
        var netAvailable = NetChaCha20Poly1305.IsSupported;
        for (var i = 0; i < cases; i++)
        {
            var key = Bytes(random, 32);
            var nonce = Bytes(random, 12);
            var aad = Bytes(random, Length(random, (i * 5) % cases, 100));
            var plaintext = Bytes(random, Length(random, i, 700));

            var bc = new BcChaCha20Poly1305();
            bc.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
            var expected = new byte[plaintext.Length + 16];
            var written = bc.ProcessBytes(plaintext, 0, plaintext.Length, expected, 0);
            bc.DoFinal(expected, written);

            if (netAvailable)
            {
                using var net = new NetChaCha20Poly1305(key);
                var netCt = new byte[plaintext.Length];
                var netTag = new byte[16];
                net.Encrypt(nonce, plaintext, netCt, netTag, aad);
                Assert.True(expected.SequenceEqual(netCt.Concat(netTag)), $"reference mismatch, seed {Seed + 5} case {i}");
            }

            var outputOffset = random.Next(4);
            var sealedMessage = new byte[outputOffset + plaintext.Length + 16];
            ChaCha20Poly1305.Encrypt(key, nonce, aad, plaintext, 0, plaintext.Length, sealedMessage, outputOffset);
            Assert.True(expected.SequenceEqual(sealedMessage.Skip(outputOffset)), $"encrypt, seed {Seed + 5} case {i} length {plaintext.Length}");

            var opened = new byte[plaintext.Length];
            Assert.True(ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedMessage, outputOffset, plaintext.Length + 16, opened, 0), $"decrypt, seed {Seed + 5} case {i}");
            Assert.True(plaintext.SequenceEqual(opened), $"decrypt output, seed {Seed + 5} case {i}");

            sealedMessage[outputOffset + random.Next(plaintext.Length + 16)] ^= (byte)(1 << random.Next(8));
            Assert.False(ChaCha20Poly1305.Decrypt(key, nonce, aad, sealedMessage, outputOffset, plaintext.Length + 16, opened, 0), $"tamper, seed {Seed + 5} case {i}");
        }

        output.WriteLine($"ChaCha20-Poly1305: {cases} cases (System.Security.Cryptography reference {(netAvailable ? "used" : "not supported here")})");
    }

    [Fact]
    public void Poly1305_MatchesBouncyCastle_OnRandomInputs()
    {
        var random = new Random(Seed + 6);
        const int cases = 2000;
        for (var i = 0; i < cases; i++)
        {
            var key = Bytes(random, 32);
            if (i % 50 == 1)
            {
                // Accumulator values near 2^130 - 5 exercise the final conditional subtraction.
                Array.Fill(key, (byte)0xff);
            }

            var data = Bytes(random, Length(random, i, 300));
            if (i % 50 == 2)
            {
                Array.Fill(data, (byte)0xff);
            }

            var bc = new Org.BouncyCastle.Crypto.Macs.Poly1305();
            bc.Init(new KeyParameter(key));
            bc.BlockUpdate(data, 0, data.Length);
            var expected = new byte[16];
            bc.DoFinal(expected, 0);

            var mac = new CardFirmware.Crypto.Poly1305(key, 0);
            FeedInPieces(random, data, mac.Update);
            var tag = new byte[16];
            mac.Final(tag, 0);
            Assert.True(expected.SequenceEqual(tag), $"seed {Seed + 6} case {i} length {data.Length}");
        }

        output.WriteLine($"Poly1305: {cases} cases");
    }

    [Fact]
    public void ChaCha20Xor_MatchesBouncyCastle_FromAnyInitialCounter()
    {
        var random = new Random(Seed + 7);
        const int cases = 1000;
        for (var i = 0; i < cases; i++)
        {
            var key = Bytes(random, 32);
            var nonce = Bytes(random, 12);
            var skipBlocks = random.Next(3);
            var data = Bytes(random, Length(random, i, 500));

            // BouncyCastle's RFC 7539 engine starts at counter 0; discard skipBlocks blocks of keystream.
            var bc = new Org.BouncyCastle.Crypto.Engines.ChaCha7539Engine();
            bc.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            var skipped = new byte[64 * skipBlocks];
            bc.ProcessBytes(skipped, 0, skipped.Length, skipped, 0);
            var expected = new byte[data.Length];
            bc.ProcessBytes(data, 0, data.Length, expected, 0);

            var actual = new byte[data.Length];
            ChaCha20.Xor(key, nonce, (uint)skipBlocks, data, 0, data.Length, actual, 0);
            Assert.True(expected.SequenceEqual(actual), $"seed {Seed + 7} case {i} counter {skipBlocks} length {data.Length}");
        }

        output.WriteLine($"ChaCha20: {cases} cases");
    }
}
