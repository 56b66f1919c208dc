using System.Numerics;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math.EC;
using Xunit.Abstractions;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// The constant-time GLV k P: the masked split (edge scalars 0, 1, n-1, lambda, ...), the signed
/// 5-bit recoding, the complete mixed addition in each of its cases, and k P on edge scalars
/// against BouncyCastle. Each test prints its case count.
/// </summary>
public class GlvPointMulTests(ITestOutputHelper output)
{
    private static readonly BigInteger Lambda = BigInteger.Parse("05363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger Beta = BigInteger.Parse("07ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee", System.Globalization.NumberStyles.HexNumber);
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    /// <summary>Scalars at the edges of the split: 0, 1, 2, n-1, n-2, lambda and its neighbours, lambda^2, n/2, powers of two.</summary>
    private static IEnumerable<BigInteger> EdgeScalars()
    {
        var lambda2 = Lambda * Lambda % N;
        return new[]
        {
            BigInteger.Zero, BigInteger.One, 2, 3, 15, 16, 17, 31, 32, 33, N - 1, N - 2, N - 16, Lambda, Lambda + 1, Lambda - 1,
            N - Lambda, lambda2, N - lambda2, (N - 1) / 2, (N + 1) / 2, BigInteger.One << 128, (BigInteger.One << 128) - 1,
            BigInteger.One << 129, (BigInteger.One << 129) - 1, BigInteger.One << 255,
        };
    }

    private static BigInteger Magnitude(uint[] s)
    {
        var bytes = new byte[32];
        Scalar.ToBytes(s, bytes, 0);
        return FromBytes(bytes);
    }

    [Fact]
    public void Split_ConstantTime_RecombinesBelow2To129_AndAgreesWithVartime()
    {
        var random = new Random(77);
        var scalars = EdgeScalars().ToList();
        for (var i = 0; i < 2000; i++)
        {
            scalars.Add(FromBytes(RandomBytes(random, 32)) % N);
        }

        foreach (var v in scalars)
        {
            var k = Scalar.Create();
            Scalar.FromBytes(k, To32(v), 0);
            var k1 = Scalar.Create();
            var k2 = Scalar.Create();
            Endomorphism.Split(k, k1, k2, out var negative1, out var negative2);
            Assert.True(negative1 == 0 || negative1 == uint.MaxValue);
            Assert.True(negative2 == 0 || negative2 == uint.MaxValue);
            var m1 = Magnitude(k1);
            var m2 = Magnitude(k2);
            Assert.True(m1 < BigInteger.One << 129 && m2 < BigInteger.One << 129);
            var sum = (negative1 != 0 ? -m1 : m1) + ((negative2 != 0 ? -m2 : m2) * Lambda);
            Assert.Equal(v, Mod(sum, N));

            var v1 = Scalar.Create();
            var v2 = Scalar.Create();
            Endomorphism.SplitVartime(k, v1, v2, out var vn1, out var vn2);
            Assert.Equal(m1, Magnitude(v1));
            Assert.Equal(m2, Magnitude(v2));
            Assert.Equal(vn1, negative1 != 0);
            Assert.Equal(vn2, negative2 != 0);
        }

        // k = 0 and k = 1 split trivially.
        var zero = Scalar.Create();
        var a = Scalar.Create();
        var b = Scalar.Create();
        Endomorphism.Split(zero, a, b, out _, out _);
        Assert.Equal(BigInteger.Zero, Magnitude(a));
        Assert.Equal(BigInteger.Zero, Magnitude(b));
        output.WriteLine($"constant-time split: {scalars.Count} scalars ({EdgeScalars().Count()} edge)");
    }

    [Fact]
    public void Recode_SignedDigitsRecombine_AndStayInRange()
    {
        var random = new Random(78);
        var values = new List<BigInteger> { BigInteger.Zero, 1, 15, 16, 17, 31, 32, (BigInteger.One << 129) - 1, (BigInteger.One << 125) - 1, BigInteger.One << 128 };
        var sixteens = BigInteger.Zero;
        for (var i = 0; i < 25; i++)
        {
            sixteens += new BigInteger(16) << (5 * i);
        }

        values.Add(sixteens);
        values.Add(sixteens + (new BigInteger(15) << 125));
        for (var i = 0; i < 2000; i++)
        {
            values.Add(FromBytes(RandomBytes(random, 32)) >> (127 + random.Next(0, 3)));
        }

        var digits = new int[26];
        foreach (var v in values)
        {
            Assert.True(v < BigInteger.One << 129);
            var m = Scalar.Create();
            Scalar.FromBytes(m, To32(v), 0);
            VariableBaseMul.Recode(m, digits);
            var sum = BigInteger.Zero;
            for (var i = 0; i < 26; i++)
            {
                Assert.InRange(digits[i], i == 25 ? 0 : -16, i == 25 ? 16 : 15);
                sum += new BigInteger(digits[i]) << (5 * i);
            }

            Assert.Equal(v, sum);
        }

        output.WriteLine($"signed 5-bit recoding: {values.Count} values");
    }

    private static uint[] FieldOf(BigInteger v)
    {
        var f = Field.Create();
        Field.FromBytes(f, To32(Mod(v, P)), 0);
        return f;
    }

    /// <summary>The affine point (x, y) in Jacobian form with a random Z (not 1).</summary>
    private static JacobianPoint Scaled(ECPoint a, Random random)
    {
        var z = (FromBytes(RandomBytes(random, 32)) % (P - 2)) + 2;
        var x = FromBytes(a.AffineXCoord.GetEncoded());
        var y = FromBytes(a.AffineYCoord.GetEncoded());
        var j = new JacobianPoint();
        Field.Copy(j.X, FieldOf(x * z * z));
        Field.Copy(j.Y, FieldOf(y * z * z * z));
        Field.Copy(j.Z, FieldOf(z));
        return j;
    }

    private static byte[] Encode(JacobianPoint j)
    {
        var a = new AffinePoint();
        Group.ToAffine(a, j);
        if (a.Infinity)
        {
            return Array.Empty<byte>();
        }

        var result = new byte[33];
        PointEncoding.EncodeCompressed(a, result, 0);
        return result;
    }

    private static byte[] Encode(ECPoint p) => p.IsInfinity ? Array.Empty<byte>() : p.Normalize().GetEncoded(true);

    private static void CheckAdd(ECPoint a, ECPoint b, bool aInfinity, Random random)
    {
        var j = aInfinity ? new JacobianPoint() : Scaled(a, random);
        if (aInfinity)
        {
            j.SetInfinity();
        }

        var bx = FieldOf(FromBytes(b.AffineXCoord.GetEncoded()));
        var by = FieldOf(FromBytes(b.AffineYCoord.GetEncoded()));
        var expected = aInfinity ? b : a.Add(b);
        var r = new JacobianPoint();
        Group.AddAffineComplete(r, j, bx, by, new GroupWorkspace());
        Assert.Equal(Encode(expected), Encode(r));

        // In place (r aliases a), as the multiplication uses it.
        Group.AddAffineComplete(j, j, bx, by, new GroupWorkspace());
        Assert.Equal(Encode(expected), Encode(j));
    }

    [Fact]
    public void AddAffineComplete_HandlesInfinityEqualOppositeAndMinusLambda()
    {
        var random = new Random(79);
        const int cases = 300;
        for (var i = 0; i < cases; i++)
        {
            var b = Curve.G.Multiply(new BcBigInteger(1, RandomBytes(random, 31)).Add(BcBigInteger.One)).Normalize();
            var other = Curve.G.Multiply(new BcBigInteger(1, RandomBytes(random, 31)).Add(BcBigInteger.One)).Normalize();
            var bx = FromBytes(b.AffineXCoord.GetEncoded());
            var by = FromBytes(b.AffineYCoord.GetEncoded());

            // -lambda b = (beta x, -y) and -lambda^2 b = (beta^2 x, -y): the unified slope is 0/0 there.
            var minusLambdaB = Curve.Curve.CreatePoint(new BcBigInteger(1, To32(Mod(Beta * bx, P))), new BcBigInteger(1, To32(Mod(-by, P))));
            var minusLambda2B = Curve.Curve.CreatePoint(new BcBigInteger(1, To32(Mod(Beta * Beta * bx, P))), new BcBigInteger(1, To32(Mod(-by, P))));
            var lambdaB = Curve.Curve.CreatePoint(new BcBigInteger(1, To32(Mod(Beta * bx, P))), new BcBigInteger(1, To32(by)));

            CheckAdd(other, b, false, random);          // generic
            CheckAdd(b, b, false, random);              // a = b: doubling
            CheckAdd(b.Negate(), b, false, random);     // a = -b: infinity
            CheckAdd(minusLambdaB, b, false, random);   // degenerate slope
            CheckAdd(minusLambda2B, b, false, random);  // degenerate slope
            CheckAdd(lambdaB, b, false, random);        // same y, x = beta x
            CheckAdd(b, b, true, random);               // a = infinity
        }

        output.WriteLine($"complete mixed addition: {cases} points x 7 cases, out of place and in place");
    }

    [Fact]
    public void PointMul_EdgeScalars_MatchBouncyCastle()
    {
        var random = new Random(80);
        var backend = ManagedSecp256k1Backend.Instance;
        var result = new byte[33];
        var count = 0;
        var points = new List<ECPoint> { Curve.G };
        for (var i = 0; i < 4; i++)
        {
            points.Add(Curve.G.Multiply(new BcBigInteger(1, RandomBytes(random, 32)).Mod(Curve.N)).Normalize());
        }

        // A point P = c G with c = lambda: k P can then involve lambda multiples of the table entries.
        points.Add(Curve.G.Multiply(new BcBigInteger(1, To32(Lambda))).Normalize());
        foreach (var point in points)
        {
            foreach (var k in EdgeScalars())
            {
                if (k.IsZero)
                {
                    continue;
                }

                backend.PointMul(To32(k), Encode(point), result);
                Assert.Equal(Encode(point.Multiply(new BcBigInteger(1, To32(k)))), result);
                count++;
            }
        }

        output.WriteLine($"k P on edge scalars: {count} cases");
    }
}
