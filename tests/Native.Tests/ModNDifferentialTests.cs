using CardFirmware.Crypto.Threshold;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>
/// Arithmetic modulo the group order: 10,000 random scalars (with edge values, and for the
/// single-scalar members also values at or above n) per member, native against managed.
/// </summary>
public sealed class ModNDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    public static TheoryData<string> VectorOperations => new() { "add", "sub", "mul", "scale" };

    [SkippableTheory]
    [MemberData(nameof(VectorOperations))]
    public void ElementwiseVectorOperation_RandomBatches_AgreeWithManaged(string operation)
    {
        var d = new Differential(Backends.RequireNative());
        // A seed fixed by the operation's name (string.GetHashCode differs between processes).
        var r = new RandomInputs(1410 + operation.Sum(c => c));
        var elements = 0;
        while (elements < Inputs)
        {
            var count = 1 + r.Next(100);
            var a = r.ScalarVector(count);
            var b = r.ScalarVector(count);
            var s = r.Scalar();
            if (r.Next(50) == 0)
            {
                r.AnyScalar().CopyTo(a, 32 * r.Next(count)); // sometimes one scalar is at or above n
            }

            d.Check($"{operation} x {count}", backend => Apply(backend, operation, s, a, b, count));
            elements += count;
        }

        output.WriteLine($"{operation}: {elements} elements");
        d.AssertAgreed(d.Cases, output, $"ModN {operation} batches");
        Assert.True(elements >= Inputs);
    }

    [SkippableFact]
    public void InnerProduct_RandomRowLoops_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1411);
        var terms = 0;
        while (terms < Inputs)
        {
            var count = r.Next(64);
            var g = r.ScalarVector(count);
            var a = r.ScalarVector(count);
            d.Check($"inner product of {count}", b =>
            {
                var o = new byte[32];
                b.ModNInnerProduct(g, a, count, o);
                return o;
            });
            terms += count;
        }

        d.AssertAgreed(d.Cases, output, $"ModNInnerProduct ({terms} terms)");
        Assert.True(terms >= Inputs);
    }

    public static TheoryData<string> ScalarOperations => new() { "reduce", "negate", "invert", "invert-vartime", "add", "mul" };

    [Trait("Category", "Slow")]
    [SkippableTheory]
    [MemberData(nameof(ScalarOperations))]
    public void SingleScalarOperation_RandomAndOutOfRangeInputs_AgreeWithManaged(string operation)
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1420 + operation.Length);
        for (var i = 0; i < Inputs; i++)
        {
            var x = r.AnyScalar();
            var y = r.AnyScalar();
            d.Check($"{operation} {i}", b =>
            {
                var o = new byte[33];
                var result = new byte[32];
                switch (operation)
                {
                    case "reduce": o[32] = b.ScalarReduce(x, result) ? (byte)1 : (byte)0; break;
                    case "negate": b.ScalarNegate(x, result); break;
                    case "invert": b.ScalarInvert(x, result); break;
                    case "invert-vartime": b.ScalarInvertVartime(x, result); break;
                    case "add": b.ScalarAdd(x, y, result); break;
                    default: b.ScalarMul(x, y, result); break;
                }

                result.CopyTo(o, 0);
                return o;
            });
        }

        d.AssertAgreed(Inputs, output, $"Scalar {operation}");
        Assert.True(d.Errors > 0 || operation == "reduce", "out-of-range inputs were generated and rejected");
    }

    [SkippableFact]
    public void VectorOperation_MismatchedLengths_RejectedByBothWithInvalidLength()
    {
        var d = new Differential(Backends.RequireNative());
        d.Check("result one scalar short", b =>
        {
            var o = new byte[32];
            b.ModNAdd(new byte[64], new byte[64], 2, o);
            return o;
        });
        d.Check("count disagrees with the buffers", b =>
        {
            var o = new byte[64];
            b.ModNMul(new byte[64], new byte[64], 3, o);
            return o;
        });
        d.AssertAgreed(2, output, "length checks");
        Assert.Equal(2, d.Errors);
    }

    private static byte[] Apply(IArithmeticBackend backend, string operation, byte[] s, byte[] a, byte[] b, int count)
    {
        var o = new byte[32 * count];
        switch (operation)
        {
            case "add": backend.ModNAdd(a, b, count, o); break;
            case "sub": backend.ModNSub(a, b, count, o); break;
            case "mul": backend.ModNMul(a, b, count, o); break;
            default: backend.ModNScale(s, a, count, o); break;
        }

        return o;
    }
}
