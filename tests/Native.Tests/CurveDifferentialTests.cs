using CardFirmware.Crypto.Threshold;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// The curve members (libsecp256k1 underneath): 10,000 random inputs each, including zero and
/// out-of-range scalars and corrupted point encodings, native against managed. Point decoding
/// errors must agree in kind of outcome only (libsecp256k1 reports one error for both).
/// </summary>
public sealed class CurveDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    public static TheoryData<string> Operations => new() { "base-mul", "point-mul", "point-add", "multi-mul", "reencode", "lift-x" };

    [Trait("Category", "Slow")]
    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public void CurveOperation_RandomInputs_AgreeWithManaged(string operation)
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1440 + operation.Length);
        for (var i = 0; i < Inputs; i++)
        {
            var k = r.AnyScalar();
            var k2 = r.AnyScalar();
            var p = RandomPoint(r);
            var q = r.Next(20) == 0 ? Negate(p) : RandomPoint(r); // P + (-P) is infinity
            var x = r.Next(2) == 0 ? p.AsSpan(1, 32).ToArray() : r.Bytes(32);
            d.Check($"{operation} {i}", b => Apply(b, operation, k, k2, p, q, x), sameErrorKind: false);
        }

        d.AssertAgreed(Inputs, output, $"Curve {operation}");
    }

    private static byte[] Apply(IArithmeticBackend b, string operation, byte[] k, byte[] k2, byte[] p, byte[] q, byte[] x)
    {
        var o = new byte[33];
        switch (operation)
        {
            case "base-mul":
                b.BaseMul(k, o);
                return o;
            case "point-mul":
                b.PointMul(k, p, o);
                return o;
            case "point-add":
                b.PointAdd(p, q, o);
                return o;
            case "multi-mul":
                var finite = b.MultiMulVartime(k, k2, p, o);
                return [.. o, finite ? (byte)1 : (byte)0];
            case "reencode":
                var u = new byte[65];
                b.ReencodePoint(p, false, u);
                return u;
            default:
                b.LiftX(x, o);
                return o;
        }
    }

    /// <summary>A valid point (compressed or uncompressed) or, one time in ten, a corrupted encoding.</summary>
    private static byte[] RandomPoint(RandomInputs r)
    {
        var k = r.Scalar();
        if (k.All(b => b == 0))
        {
            k[31] = 1;
        }
        var p = new byte[33];
        Backends.Managed.BaseMul(k, p);
        if (r.Next(3) == 0)
        {
            var u = new byte[65];
            Backends.Managed.ReencodePoint(p, false, u);
            p = u;
        }

        if (r.Next(10) == 0)
        {
            p[1 + r.Next(p.Length - 1)] ^= (byte)(1 << r.Next(8));
        }

        return p;
    }

    private static byte[] Negate(byte[] p)
    {
        var n = new byte[33];
        Array.Copy(p, 1, n, 1, 32);
        var compressed = new byte[33];
        try
        {
            Backends.Managed.ReencodePoint(p, true, compressed);
        }
        catch (CardFirmware.Crypto.CryptoException)
        {
            return p;
        }

        compressed[0] ^= 1; // 0x02 <-> 0x03: the same x with the other y
        return compressed;
    }
}
