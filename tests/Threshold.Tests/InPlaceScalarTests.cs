using System.Numerics;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// The limb arithmetic modulo n (Mod256, Scalar's in-place forms) against BigInteger on random values
/// and on the edges where the carries and the final subtraction change: 0, 1, n − 1, n − 2, (n − 1)/2,
/// values whose low limbs are all ones, and 2^255.
/// </summary>
public class InPlaceScalarTests
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger[] Edges =
    [
        0, 1, 2, N - 1, N - 2, (N - 1) / 2, (N + 1) / 2,
        (BigInteger.One << 32) - 1, (BigInteger.One << 128) - 1, (BigInteger.One << 224) - 1,
        BigInteger.One << 255, (BigInteger.One << 255) - 1, N - (BigInteger.One << 128),
    ];

    private static Scalar S(BigInteger v)
    {
        var bytes = new byte[32];
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, 32 - raw.Length);
        return Scalar.FromBytesStrict(bytes, 0)!;
    }

    private static BigInteger Big(Scalar s)
    {
        var b = new byte[32];
        s.WriteTo(b, 0);
        return new BigInteger(b, isUnsigned: true, isBigEndian: true);
    }

    private static IEnumerable<BigInteger> Values()
    {
        var rng = new TestRandom(11);
        foreach (var e in Edges)
        {
            yield return e;
        }

        for (var i = 0; i < 40; i++)
        {
            yield return Big(Scalar.Random(rng));
        }
    }

    [Fact]
    public void InPlaceOperations_MatchBigInteger_OnEdgeAndRandomValues()
    {
        var work = Scalar.NewWork();
        var r = Scalar.Zero();
        foreach (var a in Values())
        {
            foreach (var b in Values())
            {
                r.SetMul(S(a), S(b), work);
                Assert.Equal(a * b % N, Big(r));
                r.SetAdd(S(a), S(b));
                Assert.Equal((a + b) % N, Big(r));
                r.SetSub(S(a), S(b));
                Assert.Equal(((a - b) % N + N) % N, Big(r));
            }

            r.SetNegate(S(a));
            Assert.Equal((N - a) % N, Big(r));
            r.SetInverse(S(a), work);
            Assert.Equal(a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, N - 2, N), Big(r));
        }
    }

    [Fact]
    public void InPlaceOperations_AllowTheResultToBeAnOperand()
    {
        var work = Scalar.NewWork();
        foreach (var a in Values())
        {
            var x = S(a);
            x.SetMul(x, x, work);
            Assert.Equal(a * a % N, Big(x));
            x = S(a);
            x.SetAdd(x, x);
            Assert.Equal(2 * a % N, Big(x));
            x = S(a);
            x.SetSub(x, S(N - 1));
            Assert.Equal((a + 1) % N, Big(x));
            x = S(a);
            x.SetNegate(x);
            Assert.Equal((N - a) % N, Big(x));
        }
    }

    [Fact]
    public void MulAddAndMulSum_MatchBigInteger()
    {
        var rng = new TestRandom(12);
        foreach (var a in Edges)
        {
            var b = Big(Scalar.Random(rng));
            var c = Big(Scalar.Random(rng));
            var d = Big(Scalar.Random(rng));
            Assert.Equal((a * b + c) % N, Big(Scalar.MulAdd(S(a), S(b), S(c))));
            Assert.Equal((a * b + c * d) % N, Big(Scalar.MulSum(S(a), S(b), S(c), S(d))));
        }
    }

    [Fact]
    public void SetSelect_TakesTheFirstForOneAndTheSecondForZero()
    {
        var r = Scalar.Zero();
        r.SetSelect(1, S(N - 1), S(5));
        Assert.Equal(N - 1, Big(r));
        r.SetSelect(0, S(N - 1), S(5));
        Assert.Equal(5, Big(r));
    }

    [Fact]
    public void SetBytesReduced_ReducesValuesAtAndAboveTheOrder()
    {
        var r = Scalar.Zero();
        foreach (var v in new[] { N, N + 1, (BigInteger.One << 256) - 1, N - 1 })
        {
            var bytes = new byte[32];
            var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
            raw.CopyTo(bytes, 32 - raw.Length);
            r.SetBytesReduced(bytes, 0);
            Assert.Equal(v % N, Big(r));
        }
    }

    [Fact]
    public void Mod256Mul_ReducesTheLargestProduct_WithTheFullCarryChain()
    {
        // (n − 1)^2 = 1: the largest product of reduced values, whose folds carry the furthest.
        var work = new uint[Mod256.WorkWords];
        var r = new uint[8];
        var minusOne = Scalar.Load(S(N - 1).ToBytes(), 0);
        Mod256.N.Mul(r, minusOne, minusOne, work);
        Assert.Equal([1u, 0, 0, 0, 0, 0, 0, 0], r);
    }
}

internal static class ScalarBytes
{
    public static byte[] ToBytes(this Scalar s)
    {
        var b = new byte[32];
        s.WriteTo(b, 0);
        return b;
    }
}
