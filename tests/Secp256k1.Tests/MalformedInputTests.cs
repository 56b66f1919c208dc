using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>Bad external input must surface as CryptoException with the right error, never as a crash.</summary>
public class MalformedInputTests
{
    private static readonly ManagedSecp256k1Backend Backend = ManagedSecp256k1Backend.Instance;
    private static readonly byte[] G = Hex("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");

    public static TheoryData<string, CryptoError> BadPoints => new()
    {
        { "", CryptoError.InvalidLength },
        { "02", CryptoError.InvalidLength },
        { "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F817", CryptoError.InvalidLength },
        { "00", CryptoError.InvalidLength },
        { "0579BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", CryptoError.InvalidEncoding },
        { "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", CryptoError.InvalidEncoding },
        // x = p (not canonical) and x = p + 1.
        { "02FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", CryptoError.InvalidEncoding },
        { "03FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30", CryptoError.InvalidEncoding },
        // x = 5: 5^3 + 7 = 132 is not a square mod p, so there is no point.
        { "020000000000000000000000000000000000000000000000000000000000000005", CryptoError.InvalidPoint },
        // G with y + 1: off the curve.
        { "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B9", CryptoError.InvalidPoint },
        // hybrid encoding 06 is refused.
        { "0679BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", CryptoError.InvalidEncoding },
        // y = p + small (not canonical).
        { "0479BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30", CryptoError.InvalidEncoding },
    };

    [Theory]
    [MemberData(nameof(BadPoints))]
    public void PointInputs_AreRejectedWithTypedErrors(string hex, CryptoError expected)
    {
        var point = Hex(hex);
        var one = To32(1);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Backend.PointMul(one, point, new byte[33])).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Backend.PointAdd(point, G, new byte[33])).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Backend.ReencodePoint(point, true, new byte[33])).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Backend.MultiMulVartime(one, one, point, new byte[33])).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => new Ecdh(Backend).SharedSecretX(one, point)).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Ecdsa.Managed.Verify(point, new byte[32], new byte[64], true)).Error);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", CryptoError.InvalidKey)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", CryptoError.InvalidKey)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", CryptoError.InvalidKey)]
    [InlineData("01", CryptoError.InvalidLength)]
    public void PrivateKeys_OutOfRange_AreRejected(string hex, CryptoError expected)
    {
        var key = Hex(hex);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Ecdsa.Managed.Sign(key, new byte[32], null)).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => Ecdsa.Managed.PublicKey(key)).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => new Schnorr(Backend).Sign(key, new byte[1], new byte[32])).Error);
        Assert.Equal(expected, Assert.Throws<CryptoException>(() => new Ecdh(Backend).SharedSecretX(key, G)).Error);
    }

    [Fact]
    public void BackendScalars_ZeroAndOverflow_AreRejected()
    {
        var zero = new byte[32];
        var n = To32(N);
        Assert.Equal(CryptoError.ZeroScalar, Assert.Throws<CryptoException>(() => Backend.BaseMul(zero, new byte[33])).Error);
        Assert.Equal(CryptoError.ZeroScalar, Assert.Throws<CryptoException>(() => Backend.PointMul(zero, G, new byte[33])).Error);
        Assert.Equal(CryptoError.ZeroScalar, Assert.Throws<CryptoException>(() => Backend.ScalarInvert(zero, new byte[32])).Error);
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => Backend.BaseMul(n, new byte[33])).Error);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => Backend.BaseMul(new byte[31], new byte[33])).Error);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => Backend.BaseMul(To32(1), new byte[32])).Error);
        Assert.Equal(CryptoError.NullBuffer, Assert.Throws<CryptoException>(() => Backend.BaseMul(null!, new byte[33])).Error);
    }

    [Fact]
    public void Signatures_WithBadLengthsOrRanges_VerifyFalse()
    {
        var ecdsa = Ecdsa.Managed;
        var key = To32(7);
        var publicKey = ecdsa.PublicKey(key);
        var hash = new byte[32];
        var signature = ecdsa.Sign(key, hash, null);
        Assert.True(ecdsa.Verify(publicKey, hash, signature, true));
        Assert.False(ecdsa.Verify(publicKey, hash, signature[..63], true));
        Assert.False(ecdsa.Verify(publicKey, hash, signature.Concat(new byte[1]).ToArray(), true));
        Assert.False(ecdsa.VerifyDer(publicKey, hash, Array.Empty<byte>(), true));
        Assert.False(ecdsa.VerifyDer(publicKey, hash, new byte[] { 0x30, 0x00 }, true));
        var der = DerSignature.Serialize(signature);
        Assert.False(ecdsa.VerifyDer(publicKey, hash, der.Concat(new byte[] { 0 }).ToArray(), true));
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => ecdsa.Verify(publicKey, Array.Empty<byte>(), signature, true)).Error);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => ecdsa.Sign(key, new byte[31], null)).Error);

        var schnorr = new Schnorr(Backend);
        var x = schnorr.PublicKey(key);
        var sig = schnorr.Sign(key, hash, new byte[32]);
        Assert.True(schnorr.Verify(x, hash, sig));
        Assert.False(schnorr.Verify(x, hash, sig[..63]));
        Assert.False(schnorr.Verify(x[..31], hash, sig));
        var withBigS = sig[..32].Concat(To32(N)).ToArray();
        Assert.False(schnorr.Verify(x, hash, withBigS));
        var withBigR = To32(P).Concat(sig[32..]).ToArray();
        Assert.False(schnorr.Verify(x, hash, withBigR));
    }

    [Fact]
    public void DerSerialize_RoundTripsThroughStrictParser_OnEdgeValues()
    {
        var random = new Random(8);
        var compact = new byte[64];
        for (var i = 0; i < 1000; i++)
        {
            var r = RandomEdge32(random);
            var s = RandomEdge32(random);
            if (i % 7 == 0) Array.Clear(r, 0, random.Next(33));
            var input = r.Concat(s).ToArray();
            var der = DerSignature.Serialize(input);
            Assert.True(DerSignature.TryParse(der, compact));
            Assert.Equal(input, compact);
        }
    }

    [Fact]
    public void ExtendedKeys_GarbageText_IsRejectedWithTypedErrors()
    {
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => ExtendedKey.Parse(Backend, "0OIl"u8.ToArray())).Error);
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => ExtendedKey.Parse(Backend, "1"u8.ToArray())).Error);
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => ExtendedKey.Parse(Backend, Base58Check.Encode(new byte[77]))).Error);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => ExtendedKey.FromSeed(Backend, new byte[15])).Error);
    }
}
