using System.Numerics;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// Differential property tests against BouncyCastle 2.7 on seeded random and edge inputs
/// (0, 1, n-1, p-1, x &gt;= n, high S, infinity). BouncyCastle has no BIP-340, so Schnorr is checked
/// by the algebraic relation s G = R + e P computed with BouncyCastle's point arithmetic.
/// </summary>
public class BouncyCastleDifferentialTests
{
    private static readonly X9ECParametersHolderShim Curve = new();
    private static readonly ManagedSecp256k1Backend Backend = ManagedSecp256k1Backend.Instance;

    private sealed class X9ECParametersHolderShim
    {
        public readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Parameters = SecNamedCurves.GetByName("secp256k1");
        public ECDomainParameters Domain => new(Parameters);
        public ECPoint G => Parameters.G;
    }

    private static BcBigInteger Bc(byte[] b) => new(1, b);

    private static byte[] Encode(ECPoint p) => p.Normalize().GetEncoded(true);

    private static byte[] RandomScalar(Random random)
    {
        while (true)
        {
            var b = RandomEdge32(random);
            var v = FromBytes(b);
            if (v > 0 && v < N)
            {
                return b;
            }
        }
    }

    [Fact]
    public void PointMultiplications_MatchBouncyCastle()
    {
        var random = new Random(2024);
        var result = new byte[33];
        for (var i = 0; i < 300; i++)
        {
            var k = RandomScalar(random);
            var expected = Encode(Curve.G.Multiply(Bc(k)));
            Backend.BaseMul(k, result);
            Assert.Equal(expected, result);

            var other = RandomScalar(random);
            var point = Curve.G.Multiply(Bc(other)).Normalize();
            Backend.PointMul(k, Encode(point), result);
            Assert.Equal(Encode(point.Multiply(Bc(k))), result);

            var a = RandomScalar(random);
            var sum = Curve.G.Multiply(Bc(a)).Add(point.Multiply(Bc(k)));
            if (sum.IsInfinity)
            {
                Assert.False(Backend.MultiMulVartime(a, k, Encode(point), result));
            }
            else
            {
                Assert.True(Backend.MultiMulVartime(a, k, Encode(point), result));
                Assert.Equal(Encode(sum), result);
            }
        }
    }

    [Fact]
    public void MultiMul_ReachingInfinity_ReturnsFalse()
    {
        // a G + b (c G) with a = -b c mod n is infinity.
        var random = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            var b = RandomScalar(random);
            var c = RandomScalar(random);
            var a = To32(Mod(-(FromBytes(b) * FromBytes(c)), N));
            var p = new byte[33];
            Backend.BaseMul(c, p);
            Assert.False(Backend.MultiMulVartime(a, b, p, new byte[33]));
        }
    }

    [Fact]
    public void EcdsaSignatures_MatchBouncyCastleRfc6979_AfterLowS_AndCrossVerify()
    {
        var random = new Random(77);
        var ecdsa = Ecdsa.Managed;
        for (var i = 0; i < 300; i++)
        {
            var d = RandomScalar(random);
            var hash = RandomEdge32(random);
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, new ECPrivateKeyParameters(Bc(d), Curve.Domain));
            var rs = signer.GenerateSignature(hash);
            var s = new BigInteger(rs[1].ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
            if (s > N / 2)
            {
                s = N - s;
            }

            var expected = To32(new BigInteger(rs[0].ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true)).Concat(To32(s)).ToArray();
            var signature = ecdsa.Sign(d, hash, null);
            Assert.Equal(expected, signature);

            var publicKey = ecdsa.PublicKey(d);
            var verifier = new ECDsaSigner();
            verifier.Init(false, new ECPublicKeyParameters(Curve.Parameters.Curve.DecodePoint(publicKey), Curve.Domain));
            Assert.True(verifier.VerifySignature(hash, Bc(signature[..32]), Bc(signature[32..])));

            // High-S twin: plain ECDSA accepts it, the Bitcoin policy does not.
            var high = signature[..32].Concat(To32(N - FromBytes(signature[32..]))).ToArray();
            Assert.True(ecdsa.Verify(publicKey, hash, high, requireLowS: false));
            Assert.False(ecdsa.Verify(publicKey, hash, high, requireLowS: true));

            var tampered = (byte[])signature.Clone();
            tampered[random.Next(64)] ^= (byte)(1 << random.Next(8));
            Assert.False(ecdsa.Verify(publicKey, hash, tampered, requireLowS: false));
        }
    }

    [Fact]
    public void Ecdh_MatchesBouncyCastleAgreement()
    {
        var random = new Random(31);
        var ecdh = new Ecdh(Backend);
        for (var i = 0; i < 200; i++)
        {
            var d = RandomScalar(random);
            var peer = Curve.G.Multiply(Bc(RandomScalar(random))).Normalize();
            var shared = peer.Multiply(Bc(d)).Normalize();
            var peerBytes = random.Next(2) == 0 ? peer.GetEncoded(true) : peer.GetEncoded(false);
            Assert.Equal(shared.AffineXCoord.GetEncoded(), ecdh.SharedSecretX(d, peerBytes));
            Assert.Equal(shared.GetEncoded(true), ecdh.SharedPoint(d, peerBytes));
        }
    }

    [Fact]
    public void Schnorr_SignaturesSatisfyTheVerificationEquation_InBouncyCastleArithmetic()
    {
        var random = new Random(11);
        var schnorr = new Schnorr(Backend);
        for (var i = 0; i < 200; i++)
        {
            var d = RandomScalar(random);
            var message = RandomBytes(random, random.Next(0, 100));
            var aux = RandomBytes(random, 32);
            var publicKeyX = schnorr.PublicKey(d);
            var signature = schnorr.Sign(d, message, aux);
            Assert.True(schnorr.Verify(publicKeyX, message, signature));

            // s G = R + e P, with R and P the even-y lifts, e = H_challenge(R.x || P.x || m) mod n.
            var p = Curve.Parameters.Curve.DecodePoint(new byte[] { 2 }.Concat(publicKeyX).ToArray());
            var r = Curve.Parameters.Curve.DecodePoint(new byte[] { 2 }.Concat(signature[..32]).ToArray());
            var tag = System.Security.Cryptography.SHA256.HashData("BIP0340/challenge"u8.ToArray());
            var e = Mod(FromBytes(System.Security.Cryptography.SHA256.HashData(tag.Concat(tag).Concat(signature[..32]).Concat(publicKeyX).Concat(message).ToArray())), N);
            var left = Curve.G.Multiply(Bc(signature[32..])).Normalize();
            var right = r.Add(p.Multiply(Bc(To32(e)))).Normalize();
            Assert.True(left.Equals(right));

            var tampered = (byte[])signature.Clone();
            tampered[random.Next(64)] ^= (byte)(1 << random.Next(8));
            Assert.False(schnorr.Verify(publicKeyX, message, tampered));
        }
    }

    [Fact]
    public void ScalarBackendOperations_MatchBigInteger_OnEdgeValues()
    {
        var random = new Random(3);
        var result = new byte[32];
        for (var i = 0; i < 2000; i++)
        {
            var a = RandomEdge32(random);
            var b = RandomEdge32(random);
            var av = FromBytes(a);
            var bv = FromBytes(b);
            var reduced = Backend.ScalarReduce(a, result);
            Assert.Equal(av >= N, reduced);
            Assert.Equal(To32(av % N), result);
            if (av >= N || bv >= N)
            {
                var e = Assert.Throws<CryptoException>(() => Backend.ScalarAdd(a, b, result));
                Assert.Equal(CryptoError.InvalidEncoding, e.Error);
                continue;
            }

            Backend.ScalarAdd(a, b, result);
            Assert.Equal(To32((av + bv) % N), result);
            Backend.ScalarMul(a, b, result);
            Assert.Equal(To32(av * bv % N), result);
            Backend.ScalarNegate(a, result);
            Assert.Equal(To32(Mod(-av, N)), result);
        }
    }
}
