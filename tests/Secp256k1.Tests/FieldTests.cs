using System.Numerics;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>Field and scalar arithmetic against System.Numerics.BigInteger (a differential oracle).</summary>
public class FieldTests
{
    private static uint[] Fe(byte[] b)
    {
        var r = Field.Create();
        Field.FromBytes(r, b, 0);
        return r;
    }

    private static BigInteger Value(uint[] fe)
    {
        var copy = Field.Create();
        Field.Copy(copy, fe);
        Field.Normalize(copy);
        var bytes = new byte[32];
        Field.ToBytes(copy, bytes, 0);
        return FromBytes(bytes);
    }

    [Fact]
    public void FieldOperations_MatchBigInteger_OnRandomAndEdgeInputs()
    {
        var random = new Random(1234);
        var r = Field.Create();
        for (var i = 0; i < 3000; i++)
        {
            var ab = RandomEdge32(random);
            var bb = RandomEdge32(random);
            var a = Fe(ab);
            var b = Fe(bb);
            var av = FromBytes(ab);
            var bv = FromBytes(bb);
            Field.Mul(r, a, b);
            Assert.Equal(Mod(av * bv, P), Value(r));
            Field.Sqr(r, a);
            Assert.Equal(Mod(av * av, P), Value(r));
            Field.Add(r, a, b);
            Assert.Equal(Mod(av + bv, P), Value(r));
            Field.Sub(r, a, b);
            Assert.Equal(Mod(av - bv, P), Value(r));
            Field.Negate(r, a);
            Assert.Equal(Mod(-av, P), Value(r));
            Field.MulInt(r, a, 8);
            Assert.Equal(Mod(av * 8, P), Value(r));
            Assert.Equal(av < P ? 0xFFFFFFFFu : 0u, Field.FromBytes(Field.Create(), ab, 0));
            Assert.Equal(Mod(av, P).IsZero ? 0xFFFFFFFFu : 0u, Field.IsZero(a));
        }
    }

    [Fact]
    public void FieldChainsOfOperations_StayExact()
    {
        // Long chains exercise the weak-normalisation bounds (outputs feeding inputs repeatedly).
        var random = new Random(99);
        var x = Fe(RandomBytes(random, 32));
        var y = Fe(RandomBytes(random, 32));
        var xv = Value(x);
        var yv = Value(y);
        for (var i = 0; i < 2000; i++)
        {
            switch (i % 5)
            {
                case 0: Field.Mul(x, x, y); xv = Mod(xv * yv, P); break;
                case 1: Field.Sub(y, y, x); yv = Mod(yv - xv, P); break;
                case 2: Field.Add(x, x, y); xv = Mod(xv + yv, P); break;
                case 3: Field.Sqr(y, y); yv = Mod(yv * yv, P); break;
                default: Field.Negate(x, x); xv = Mod(-xv, P); break;
            }

            Assert.Equal(xv, Value(x));
            Assert.Equal(yv, Value(y));
        }
    }

    [Fact]
    public void InvertAndSqrt_MatchBigInteger()
    {
        var random = new Random(7);
        var r = Field.Create();
        for (var i = 0; i < 200; i++)
        {
            var ab = RandomEdge32(random);
            var av = Mod(FromBytes(ab), P);
            var a = Fe(ab);
            Field.Invert(r, a);
            Assert.Equal(av.IsZero ? BigInteger.Zero : BigInteger.ModPow(av, P - 2, P), Value(r));
            if (!av.IsZero)
            {
                VartimeInverse.InvertFieldVartime(r, a);
                Assert.Equal(BigInteger.ModPow(av, P - 2, P), Value(r));
            }
            var isSquare = av.IsZero || BigInteger.ModPow(av, (P - 1) / 2, P).IsOne;
            var ok = Field.Sqrt(r, a);
            Assert.Equal(isSquare ? 0xFFFFFFFFu : 0u, ok);
            if (isSquare)
            {
                Assert.Equal(av, Mod(Value(r) * Value(r), P));
            }
        }
    }

    [Fact]
    public void ScalarOperations_MatchBigInteger_OnRandomAndEdgeInputs()
    {
        var random = new Random(4321);
        var r = Scalar.Create();
        var out32 = new byte[32];
        BigInteger Sv(uint[] s)
        {
            Scalar.ToBytes(s, out32, 0);
            return FromBytes(out32);
        }

        for (var i = 0; i < 3000; i++)
        {
            var ab = RandomEdge32(random);
            var bb = RandomEdge32(random);
            var a = Scalar.Create();
            var b = Scalar.Create();
            var overflow = Scalar.FromBytes(a, ab, 0);
            Scalar.FromBytes(b, bb, 0);
            var av = FromBytes(ab);
            var bv = FromBytes(bb);
            Assert.Equal(av >= N ? 0xFFFFFFFFu : 0u, overflow);
            av %= N;
            bv %= N;
            Assert.Equal(av, Sv(a));
            Scalar.Mul(r, a, b);
            Assert.Equal(av * bv % N, Sv(r));
            Scalar.Add(r, a, b);
            Assert.Equal((av + bv) % N, Sv(r));
            Scalar.Sub(r, a, b);
            Assert.Equal(Mod(av - bv, N), Sv(r));
            Scalar.Negate(r, a);
            Assert.Equal(Mod(-av, N), Sv(r));
            Assert.Equal(av > N / 2 ? 0xFFFFFFFFu : 0u, Scalar.IsHigh(a));
            if (i % 20 == 0)
            {
                Scalar.Invert(r, a);
                Assert.Equal(av.IsZero ? BigInteger.Zero : BigInteger.ModPow(av, N - 2, N), Sv(r));
            }

            if (!av.IsZero)
            {
                VartimeInverse.InvertVartime(r, a, Scalar.N);
                Assert.Equal(BigInteger.ModPow(av, N - 2, N), Sv(r));
            }
        }
    }
}
