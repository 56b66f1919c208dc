using System.Security.Cryptography;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Asn1.Sec;
using BcBig = Org.BouncyCastle.Math.BigInteger;

namespace CardFirmware.Crypto.Threshold.Tests;

public class KeyLifecycleTests : IClassFixture<KeysFixture>
{
    private readonly KeysFixture keys;

    public KeyLifecycleTests(KeysFixture keys)
    {
        this.keys = keys;
    }

    /// <summary>BIP-32 CKDpub computed independently with BouncyCastle (HMAC-SHA512 and point addition).</summary>
    private static (byte[] pk, byte[] cc) CkdPub(byte[] pk, byte[] cc, uint[] path)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        foreach (var i in path)
        {
            var hmac = new HMac(new Sha512Digest());
            hmac.Init(new KeyParameter(cc));
            var data = pk.Concat(new[] { (byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i }).ToArray();
            hmac.BlockUpdate(data, 0, data.Length);
            var I = new byte[64];
            hmac.DoFinal(I, 0);
            var child = curve.Curve.DecodePoint(pk).Add(curve.G.Multiply(new BcBig(1, I, 0, 32))).Normalize();
            pk = child.GetEncoded(true);
            cc = I[32..];
        }

        return (pk, cc);
    }

    [Theory]
    [InlineData(new uint[] { 0 })]
    [InlineData(new uint[] { 44, 0, 7 })]
    [InlineData(new uint[] { 0x7FFFFFFF, 1 })]
    public void Sign_UnderChildKey_MatchesPublicDerivationAndVerifies(uint[] path)
    {
        var s = keys.TwoOfTwo;
        var (childPk, _) = CkdPub(s[0].PublicKey(), s[0].ChainCode, path);
        var pair = Harness.Pair(s[0], s[1], 400 + (int)path[0] % 7, path);
        Assert.Equal(childPk, pair.A.PublicKey());
        Assert.Equal(childPk, s[1].ChildPublicKey(path));
        var hash = SHA256.HashData(BitConverter.GetBytes(path.Length));
        var (sig, _) = Harness.Sign(pair, hash);
        Assert.True(Harness.BouncyVerify(childPk, hash, sig));
        Assert.True(Ecdsa.Managed.Verify(childPk, hash, sig, true));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    public void Sign_EveryTwoOfThreePair_VerifiesWithBothVerifiers_OnRandomMessagesAndChildKeys(int i, int j)
    {
        var s = keys.TwoOfThree;
        var rnd = new Random(31 * i + j);
        foreach (var path in new[] { null, new uint[] { 44, 0, (uint)rnd.Next(0x7FFFFFFF) } })
        {
            var pk = path == null ? s[0].PublicKey() : CkdPub(s[0].PublicKey(), s[0].ChainCode, path).pk;
            var pair = Harness.Pair(s[i - 1], s[j - 1], 800 + 10 * i + j + (path == null ? 0 : 100), path);
            Assert.Equal(pk, pair.A.PublicKey());
            Assert.Equal(pk, pair.B.PublicKey());
            var hash = new byte[32];
            rnd.NextBytes(hash);
            var (a, b) = Harness.Sign(pair, hash);
            Assert.Equal(a, b);
            Assert.True(Harness.BouncyVerify(pk, hash, a));
            Assert.True(Ecdsa.Managed.Verify(pk, hash, a, true));
        }
    }

    [Fact]
    public void ChildChainCode_MatchesPublicDerivation()
    {
        var s = keys.TwoOfThree;
        var path = new uint[] { 1, 2 };
        var (pk, cc) = CkdPub(s[0].PublicKey(), s[0].ChainCode, path);
        Assert.Equal(pk, s[2].ChildPublicKey(path));
        Assert.Equal(cc, s[2].ChildChainCode(path));
    }

    [Fact]
    public void Sign_RejectsHardenedPath()
    {
        var s = keys.TwoOfTwo;
        var ex = Assert.Throws<ThresholdException>(() => Harness.Pair(s[0], s[1], 1, new[] { 0x80000000u }));
        Assert.Equal(ThresholdError.InvalidParameters, ex.Reason);
    }

    [Fact]
    public void Sign_TwoOfTwo_VerifiesWithProjectVerifierOnRandomMessages()
    {
        var s = keys.TwoOfTwo;
        var rnd = new Random(7);
        for (int i = 0; i < 3; i++)
        {
            var hash = new byte[32];
            rnd.NextBytes(hash);
            var (sig, _) = Harness.Sign(Harness.Pair(s[1], s[0], 500 + i), hash);
            Assert.True(Ecdsa.Managed.Verify(s[0].PublicKey(), hash, sig, true));
            Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, sig));
        }
    }

    [Fact]
    public void KeyShare_SerializationRoundTripsAndSigns()
    {
        var s = keys.TwoOfThree;
        var blobs = s.Select(x => x.Serialize()).ToArray();
        Assert.All(blobs, b => Assert.True(b.Length < 32 * 1024));
        Assert.Equal(s[0].SerializedSize, blobs[0].Length);
        var restored = blobs.Select(KeyShare.Deserialize).ToArray();
        Assert.Equal(blobs[1], restored[1].Serialize());
        var hash = SHA256.HashData(new byte[] { 9 });
        var (sig, _) = Harness.Sign(Harness.Pair(restored[0], restored[2], 600), hash);
        Assert.True(Harness.BouncyVerify(s[0].PublicKey(), hash, sig));
    }

    [Fact]
    public void KeyShare_DeserializeRejectsCorruptBlobs()
    {
        var blob = keys.TwoOfTwo[0].Serialize();
        Assert.Equal(ThresholdError.InvalidKeyShare, Assert.Throws<ThresholdException>(() => KeyShare.Deserialize(blob[..^1])).Reason);
        var wrongVersion = (byte[])blob.Clone();
        wrongVersion[0] = 9;
        Assert.Throws<ThresholdException>(() => KeyShare.Deserialize(wrongVersion));
        var wrongSecret = (byte[])blob.Clone();
        wrongSecret[40] ^= 1;
        Assert.Throws<ThresholdException>(() => KeyShare.Deserialize(wrongSecret));
        Assert.Throws<ThresholdException>(() => KeyShare.Deserialize(null!));
    }

    [Fact]
    public void Refresh_KeepsPublicKey_AndOldSharesNoLongerSignWithNewOnes()
    {
        var old = Harness.Dkg(2, 700);
        var oldBlobs = old.Select(x => x.Serialize()).ToArray();
        var fresh = Harness.Refresh(old, 701);
        Assert.Equal(old[0].PublicKey(), fresh[0].PublicKey());
        Assert.Equal(old[0].ChainCode, fresh[1].ChainCode);
        Assert.NotEqual(oldBlobs[0][36..68], fresh[0].Serialize()[36..68]);

        var hash = SHA256.HashData(new byte[] { 7 });
        var (sig, _) = Harness.Sign(Harness.Pair(fresh[0], fresh[1], 702), hash);
        Assert.True(Harness.BouncyVerify(old[0].PublicKey(), hash, sig));

        var stale = KeyShare.Deserialize(oldBlobs[0]);
        var ex = Assert.Throws<ThresholdException>(() => Harness.Sign(Harness.Pair(stale, fresh[1], 703), hash));
        Assert.Equal(ThresholdError.KeyMismatch, ex.Reason);
    }

    [Fact]
    public void Refresh_TwoOfThree_AllPairsStillSign()
    {
        var fresh = Harness.Refresh(keys.TwoOfThree.Select(x => KeyShare.Deserialize(x.Serialize())).ToArray(), 710);
        var hash = SHA256.HashData(new byte[] { 8 });
        foreach (var (i, j) in new[] { (0, 1), (0, 2), (1, 2) })
        {
            var (sig, _) = Harness.Sign(Harness.Pair(fresh[i], fresh[j], 720 + i + j), hash);
            Assert.True(Harness.BouncyVerify(keys.TwoOfThree[0].PublicKey(), hash, sig));
        }
    }
}
