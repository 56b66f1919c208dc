using System.Numerics;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;
using Org.BouncyCastle.Asn1.Sec;

namespace CardFirmware.Crypto.Threshold.Tests;

public class CurveTests
{
    // The point tests' curve; the protocol tests run each backend (TestBackends).
    private static readonly ISecp256k1Backend backend = ManagedArithmeticBackend.Instance;

    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    private static BigInteger Big(Scalar s)
    {
        var b = new byte[32];
        s.WriteTo(b, 0);
        return new BigInteger(b, isUnsigned: true, isBigEndian: true);
    }

    [Fact]
    public void ScalarArithmetic_MatchesBigInteger()
    {
        var rng = new TestRandom(1);
        for (int i = 0; i < 200; i++)
        {
            var a = Scalar.Random(rng);
            var b = Scalar.Random(rng);
            var A = Big(a);
            var B = Big(b);
            Assert.Equal((A + B) % N, Big(a.Add(b)));
            Assert.Equal(((A - B) % N + N) % N, Big(a.Sub(b)));
            Assert.Equal(A * B % N, Big(a.Mul(b)));
            Assert.Equal(BigInteger.One, Big(a.Mul(a.Inverse())));
            Assert.Equal((N - A) % N, Big(a.Negate()));
        }
    }

    [Fact]
    public void ScalarFromBytesStrict_RejectsOrderAndAbove()
    {
        var n = N.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Null(Scalar.FromBytesStrict(n, 0));
        Assert.True(Scalar.FromBytesReduced(n, 0).IsZero);
        n[31]--;
        Assert.NotNull(Scalar.FromBytesStrict(n, 0));
    }

    [Fact]
    public void MulBase_MatchesBouncyCastle()
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var rng = new TestRandom(2);
        for (int i = 0; i < 20; i++)
        {
            var k = Scalar.Random(rng);
            var kb = new byte[32];
            k.WriteTo(kb, 0);
            var expected = curve.G.Multiply(new Org.BouncyCastle.Math.BigInteger(1, kb)).Normalize().GetEncoded(true);
            var actual = new byte[33];
            Point.MulBase(backend, k).WriteTo(actual, 0);
            Assert.Equal(expected, actual);
            Assert.True(Point.Decode(backend, actual, 0)!.EqualsPoint(Point.MulBase(backend, k)));
        }
    }

    [Fact]
    public void PointGroupLaw_Holds()
    {
        var rng = new TestRandom(3);
        var a = Scalar.Random(rng);
        var b = Scalar.Random(rng);
        var pa = Point.MulBase(backend, a);
        var pb = Point.MulBase(backend, b);
        Assert.True(pa.Add(backend, pb).EqualsPoint(Point.MulBase(backend, a.Add(b))));
        Assert.True(pa.Sub(backend, pa).IsInfinity);
        Assert.True(pa.Add(backend, pa).EqualsPoint(pa.Mul(backend, Scalar.FromInt(2))));
        Assert.True(pa.Mul(backend, b).EqualsPoint(pb.Mul(backend, a)));
        Assert.True(Point.MulBase(backend, Scalar.Zero()).IsInfinity);
    }

    // λ with λ·P = (β·x, y) for every P (the GLV endomorphism): P + (−λ·P) is the case where the unified
    // addition formula reads 0/0, and P + P, P + (−P) the doubling and infinity cases of the complete one.
    private static readonly BigInteger Lambda = BigInteger.Parse("05363AD4CC05C30E0A5261C028812645A122E22EA20816678DF02967C1B23BD72", System.Globalization.NumberStyles.HexNumber);

    private static Scalar FromBig(BigInteger v)
    {
        var bytes = new byte[32];
        var raw = (((v % N) + N) % N).ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, 32 - raw.Length);
        return Scalar.FromBytesStrict(bytes, 0)!;
    }

    [Fact]
    public void PointAdd_MatchesTheSumOfScalars_InEveryCaseOfTheCompleteFormula()
    {
        var rng = new TestRandom(4);
        for (int i = 0; i < 8; i++)
        {
            var a = Big(Scalar.Random(rng));
            var b = Big(Scalar.Random(rng));
            foreach (var (x, y) in new[] { (a, b), (a, a), (a, N - a), (a, N - (Lambda * a % N)), (a, Lambda * a % N), (a, 1), (N - 1, 1), (a, N - 2 * a % N) })
            {
                var sum = Point.MulBase(backend, FromBig(x)).Add(backend, Point.MulBase(backend, FromBig(y)));
                var expected = Point.MulBase(backend, FromBig(x + y));
                Assert.True(sum.EqualsPoint(expected), $"case x = {x}, y = {y}");
            }

            var p = Point.MulBase(backend, FromBig(a));
            Assert.True(p.Add(backend, Point.Infinity()).EqualsPoint(p));
            Assert.True(Point.Infinity().Add(backend, p).EqualsPoint(p));
            Assert.True(p.Sub(backend, p).IsInfinity);
        }
    }

    [Fact]
    public void Decode_RejectsBadPrefixAndOffCurveX()
    {
        var enc = new byte[33];
        Point.MulBase(backend, Scalar.One()).WriteTo(enc, 0);
        var bad = (byte[])enc.Clone();
        bad[0] = 4;
        Assert.Null(Point.Decode(backend, bad, 0));
        // x = 5 is not on secp256k1 (5^3 + 7 = 132 is a non-residue mod p).
        var offCurve = new byte[33];
        offCurve[0] = 2;
        offCurve[32] = 5;
        Assert.Null(Point.Decode(backend, offCurve, 0));
        Assert.Null(Point.Decode(backend, enc, 1));
    }
}
