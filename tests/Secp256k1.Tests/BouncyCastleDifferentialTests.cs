using System.Numerics;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Xunit.Abstractions;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// Differential property tests against BouncyCastle 2.7 on seeded random and edge inputs
/// (0, 1, n-1, p-1, x &gt;= n, high S, infinity). BouncyCastle has no BIP-340, so Schnorr is checked
/// by the algebraic relation s G = R + e P computed with BouncyCastle's point arithmetic.
/// Each test prints how many cases it ran.
/// </summary>
public class BouncyCastleDifferentialTests(ITestOutputHelper output)
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

    [Trait("Category", "Slow")]
    [Fact]
    public void PointMultiplications_MatchBouncyCastle()
    {
        var random = new Random(2024);
        var result = new byte[33];
        const int cases = 1000;
        for (var i = 0; i < cases; i++)
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

        output.WriteLine($"k G, k P, a G + k P: {cases} cases of each");
    }

    // The complete addition formula of PointAdd: random pairs, P + P (it doubles), P + λP and P + (−λP)
    // (the GLV endomorphism: same y or opposite y with x scaled by β, where the unified slope is 0/0 and
    // the chord slope is selected), and P + (−P), which has no encoding and is refused as infinity.
    [Trait("Category", "Slow")]
    [Fact]
    public void PointAdd_MatchesBouncyCastle_InEveryCaseOfTheCompleteFormula()
    {
        var lambda = BigInteger.Parse("05363AD4CC05C30E0A5261C028812645A122E22EA20816678DF02967C1B23BD72", System.Globalization.NumberStyles.HexNumber);
        var random = new Random(2025);
        var result = new byte[33];
        const int cases = 200;
        for (var i = 0; i < cases; i++)
        {
            var a = FromBytes(RandomScalar(random));
            var b = FromBytes(RandomScalar(random));
            foreach (var other in new[] { b, a, lambda * a % N, N - (lambda * a % N), N - (lambda * lambda % N * a % N) })
            {
                var p = Encode(Curve.G.Multiply(Bc(To32(a))));
                var q = Encode(Curve.G.Multiply(Bc(To32(other))));
                if (Mod(a + other, N).IsZero)
                {
                    // Edge draws (1 and n − 1) can be opposite points.
                    Assert.Equal(CryptoError.InvalidPoint, Assert.Throws<CryptoException>(() => Backend.PointAdd(p, q, result)).Error);
                    continue;
                }

                Backend.PointAdd(p, q, result);
                Assert.Equal(Encode(Curve.G.Multiply(Bc(To32(Mod(a + other, N))))), result);
            }

            var minus = Encode(Curve.G.Multiply(Bc(To32(N - a))));
            var plus = Encode(Curve.G.Multiply(Bc(To32(a))));
            Assert.Equal(CryptoError.InvalidPoint, Assert.Throws<CryptoException>(() => Backend.PointAdd(plus, minus, result)).Error);
        }

        output.WriteLine($"{cases * 6} point additions");
    }

    [Fact]
    public void MultiMul_ReachingInfinity_ReturnsFalse()
    {
        // a G + b (c G) with a = -b c mod n is infinity.
        var random = new Random(5);
        const int cases = 20;
        for (var i = 0; i < cases; i++)
        {
            var b = RandomScalar(random);
            var c = RandomScalar(random);
            var a = To32(Mod(-(FromBytes(b) * FromBytes(c)), N));
            var p = new byte[33];
            Backend.BaseMul(c, p);
            Assert.False(Backend.MultiMulVartime(a, b, p, new byte[33]));
        }

        output.WriteLine($"a G + b P = infinity: {cases} cases");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void EcdsaSignatures_MatchBouncyCastleRfc6979_AfterLowS_AndCrossVerify()
    {
        var random = new Random(77);
        var ecdsa = Ecdsa.Managed;
        const int cases = 1000;
        for (var i = 0; i < cases; i++)
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

        output.WriteLine($"ECDSA sign/verify against BouncyCastle: {cases} cases");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Ecdh_MatchesBouncyCastleAgreement()
    {
        var random = new Random(31);
        var ecdh = new Ecdh(Backend);
        const int cases = 1000;
        for (var i = 0; i < cases; i++)
        {
            var d = RandomScalar(random);
            var peer = Curve.G.Multiply(Bc(RandomScalar(random))).Normalize();
            var shared = peer.Multiply(Bc(d)).Normalize();
            var peerBytes = random.Next(2) == 0 ? peer.GetEncoded(true) : peer.GetEncoded(false);
            Assert.Equal(shared.AffineXCoord.GetEncoded(), ecdh.SharedSecretX(d, peerBytes));
            Assert.Equal(shared.GetEncoded(true), ecdh.SharedPoint(d, peerBytes));
        }

        output.WriteLine($"ECDH against BouncyCastle: {cases} cases");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Schnorr_SignaturesSatisfyTheVerificationEquation_InBouncyCastleArithmetic()
    {
        var random = new Random(11);
        var schnorr = new Schnorr(Backend);
        const int cases = 1000;
        for (var i = 0; i < cases; i++)
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

        output.WriteLine($"BIP-340 sign/verify checked in BouncyCastle arithmetic: {cases} cases");
    }

    [Fact]
    public void ScalarBackendOperations_MatchBigInteger_OnEdgeValues()
    {
        var random = new Random(3);
        var result = new byte[32];
        const int cases = 2000;
        for (var i = 0; i < cases; i++)
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

        output.WriteLine($"backend scalar reduce/add/mul/negate on edge values: {cases} cases");
    }

    [Fact]
    public void FieldOperations_MatchBouncyCastleSecP256K1Field_OnRandomAndEdgeInputs()
    {
        // BouncyCastle's own secp256k1 field (the curve's ECFieldElement, its internal
        // SecP256K1FieldElement) as the oracle; its elements are canonical, so inputs at or above p
        // (which the card's field accepts unreduced) enter it mod p.
        var random = new Random(6060);
        var curve = Curve.Parameters.Curve;
        var q = curve.Field.Characteristic;
        var r = Field.Create();
        const int cases = 3000;
        for (var i = 0; i < cases; i++)
        {
            var ab = RandomEdge32(random);
            var bb = RandomEdge32(random);
            var a = FieldElement(ab);
            var b = FieldElement(bb);
            var bcA = curve.FromBigInteger(Bc(ab).Mod(q));
            var bcB = curve.FromBigInteger(Bc(bb).Mod(q));

            Field.Mul(r, a, b);
            Assert.Equal(BcBytes(bcA.Multiply(bcB)), FieldBytes(r));
            Field.Sqr(r, a);
            Assert.Equal(BcBytes(bcA.Square()), FieldBytes(r));
            Field.Add(r, a, b);
            Assert.Equal(BcBytes(bcA.Add(bcB)), FieldBytes(r));
            Field.Sub(r, a, b);
            Assert.Equal(BcBytes(bcA.Subtract(bcB)), FieldBytes(r));
            Field.Negate(r, a);
            Assert.Equal(BcBytes(bcA.Negate()), FieldBytes(r));
            if (!bcA.IsZero)
            {
                Field.Invert(r, a);
                Assert.Equal(BcBytes(bcA.Invert()), FieldBytes(r));
            }

            var root = bcA.Sqrt();
            var isSquare = Field.Sqrt(r, a);
            Assert.Equal(root is null ? 0u : 0xFFFFFFFFu, isSquare);
            if (root is not null)
            {
                // Either root may come back; both square to a.
                var mine = curve.FromBigInteger(new BcBigInteger(1, FieldBytes(r)));
                Assert.Equal(BcBytes(bcA), BcBytes(mine.Square()));
            }
        }

        output.WriteLine($"field mul/sqr/add/sub/negate/invert/sqrt against BouncyCastle's secp256k1 field: {cases} cases");
    }

    [Fact]
    public void ScalarOperations_MatchBouncyCastleModularArithmetic_OnRandomAndEdgeInputs()
    {
        // BouncyCastle's ECDSA does its mod-n arithmetic with BigInteger.Mod/ModInverse; the same
        // operations are the oracle here.
        var random = new Random(7070);
        var n = Curve.Parameters.N;
        var r = Scalar.Create();
        var out32 = new byte[32];
        const int cases = 3000;
        for (var i = 0; i < cases; i++)
        {
            var ab = RandomEdge32(random);
            var bb = RandomEdge32(random);
            var a = Scalar.Create();
            var b = Scalar.Create();
            Assert.Equal(Bc(ab).CompareTo(n) >= 0 ? 0xFFFFFFFFu : 0u, Scalar.FromBytes(a, ab, 0));
            Scalar.FromBytes(b, bb, 0);
            var av = Bc(ab).Mod(n);
            var bv = Bc(bb).Mod(n);

            Scalar.Mul(r, a, b);
            Assert.Equal(BcBytes32(av.Multiply(bv).Mod(n)), ScalarBytes(r, out32));
            Scalar.Add(r, a, b);
            Assert.Equal(BcBytes32(av.Add(bv).Mod(n)), ScalarBytes(r, out32));
            Scalar.Sub(r, a, b);
            Assert.Equal(BcBytes32(av.Subtract(bv).Mod(n)), ScalarBytes(r, out32));
            Scalar.Negate(r, a);
            Assert.Equal(BcBytes32(av.Negate().Mod(n)), ScalarBytes(r, out32));
            if (av.SignValue != 0)
            {
                Scalar.Invert(r, a);
                Assert.Equal(BcBytes32(av.ModInverse(n)), ScalarBytes(r, out32));
            }
        }

        output.WriteLine($"scalar mul/add/sub/negate/invert against BouncyCastle mod-n arithmetic: {cases} cases");
    }

    private static uint[] FieldElement(byte[] bytes)
    {
        var fe = Field.Create();
        Field.FromBytes(fe, bytes, 0);
        return fe;
    }

    private static byte[] FieldBytes(uint[] fe)
    {
        var copy = Field.Create();
        Field.Copy(copy, fe);
        Field.Normalize(copy);
        var bytes = new byte[32];
        Field.ToBytes(copy, bytes, 0);
        return bytes;
    }

    private static byte[] ScalarBytes(uint[] s, byte[] buffer)
    {
        Scalar.ToBytes(s, buffer, 0);
        return (byte[])buffer.Clone();
    }

    private static byte[] BcBytes(ECFieldElement e) => BcBytes32(e.ToBigInteger());

    private static byte[] BcBytes32(BcBigInteger v) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, v);
}
