using System.Security.Cryptography;
using CardFirmware.CardCtl;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace CardFirmware.CardCtl.Tests;

/// <summary>The recovery id against signatures made here with a known nonce, whose R parity is therefore known.</summary>
public sealed class RecoveryTests
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    [Fact]
    public void RecoveryIdIsTheParityOfRAfterLowSNormalization()
    {
        for (var trial = 0; trial < 8; trial++)
        {
            var d = new BigInteger(1, RandomNumberGenerator.GetBytes(32)).Mod(Curve.N.Subtract(BigInteger.One)).Add(BigInteger.One);
            var k = new BigInteger(1, RandomNumberGenerator.GetBytes(32)).Mod(Curve.N.Subtract(BigInteger.One)).Add(BigInteger.One);
            var hash = RandomNumberGenerator.GetBytes(32);
            var publicKey = Curve.G.Multiply(d).Normalize().GetEncoded(true);
            var point = Curve.G.Multiply(k).Normalize();
            var r = point.AffineXCoord.ToBigInteger().Mod(Curve.N);
            var s = k.ModInverse(Curve.N).Multiply(new BigInteger(1, hash).Add(r.Multiply(d))).Mod(Curve.N);
            var parity = point.AffineYCoord.ToBigInteger().TestBit(0) ? 1 : 0;
            if (s.CompareTo(Curve.N.ShiftRight(1)) > 0)
            {
                // (r, n - s) is the signature of -k: R's y flips.
                s = Curve.N.Subtract(s);
                parity ^= 1;
            }

            var signature = new byte[64];
            r.ToByteArrayUnsigned().CopyTo(signature, 32 - r.ToByteArrayUnsigned().Length);
            s.ToByteArrayUnsigned().CopyTo(signature, 64 - s.ToByteArrayUnsigned().Length);

            Assert.True(Recovery.IsLowS(signature));
            Assert.True(Host.BouncyCastleEcdsa.Verify(publicKey, hash, signature));
            Assert.Equal(parity, Recovery.RecoveryId(publicKey, hash, signature));
        }
    }

    [Fact]
    public void RecoveryIdUnderAnotherKeyIsUnknown()
    {
        var d = BigInteger.ValueOf(12345);
        var k = BigInteger.ValueOf(67890);
        var hash = SHA256.HashData("another key"u8);
        var r = Curve.G.Multiply(k).Normalize().AffineXCoord.ToBigInteger().Mod(Curve.N);
        var s = k.ModInverse(Curve.N).Multiply(new BigInteger(1, hash).Add(r.Multiply(d))).Mod(Curve.N);
        var signature = new byte[64];
        r.ToByteArrayUnsigned().CopyTo(signature, 32 - r.ToByteArrayUnsigned().Length);
        s.ToByteArrayUnsigned().CopyTo(signature, 64 - s.ToByteArrayUnsigned().Length);
        var own = Curve.G.Multiply(d).Normalize().GetEncoded(true);
        var other = Curve.G.Multiply(d.Add(BigInteger.One)).Normalize().GetEncoded(true);

        Assert.InRange(Recovery.RecoveryId(own, hash, signature), 0, 1);
        Assert.Equal(-1, Recovery.RecoveryId(other, hash, signature));
    }
}
