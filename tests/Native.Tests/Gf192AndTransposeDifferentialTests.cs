using CardFirmware.Crypto.Threshold;
using Xunit.Abstractions;

namespace CardFirmware.Native.Tests;

/// <summary>The OT-extension kernels: GF(2^192) multiply-accumulate and the bit-matrix transpose.</summary>
public sealed class Gf192AndTransposeDifferentialTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;

    [SkippableFact]
    public void Gf192MulAccumulate_RandomRowSets_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1431);
        var rows = 0;
        while (rows < Inputs)
        {
            var count = r.Next(5) == 0 ? Params.ExtendedBatch : r.Next(40);
            var x = r.Bytes(24 * count);
            var chi = r.Bytes(24 * count);
            if (count > 0 && r.Next(4) == 0)
            {
                Array.Fill(x, (byte)0xFF, 0, 24); // all-ones row: every reduction fold is exercised
            }

            d.Check($"{count} rows", b =>
            {
                var o = new byte[24];
                b.Gf192MulAccumulate(x, chi, count, o);
                return o;
            });
            rows += count;
        }

        d.AssertAgreed(d.Cases, output, $"Gf192MulAccumulate ({rows} rows)");
        Assert.True(rows >= Inputs);
    }

    [SkippableFact]
    public void Gf192MulAccumulate_XTimesXTo191_IsTheReductionPolynomialTail()
    {
        var native = Backends.RequireNative();
        var a = new byte[24];
        var b = new byte[24];
        a[0] = 0x02; // x
        b[23] = 0x80; // x^191
        foreach (var backend in new[] { Backends.Managed, native })
        {
            var o = new byte[24];
            backend.Gf192MulAccumulate(a, b, 1, o);
            var expected = new byte[24];
            expected[0] = 0x87; // x^7 + x^2 + x + 1
            Assert.Equal(expected, o);
        }
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void TransposeColumnsToRows_RandomMatrices_AgreeWithManaged()
    {
        var d = new Differential(Backends.RequireNative());
        var r = new RandomInputs(1432);
        for (var i = 0; i < Inputs; i++)
        {
            var columns = r.Bytes(Params.OtWidth * Params.ColumnBytes);
            d.Check($"matrix {i}", b =>
            {
                var rows = new byte[Params.ExtendedBatch * Params.RowBytes];
                b.TransposeColumnsToRows(columns, rows);
                return rows;
            });
        }

        d.AssertAgreed(Inputs, output, "TransposeColumnsToRows");
    }
}
