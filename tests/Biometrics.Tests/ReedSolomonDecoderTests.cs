using CardFirmware.Biometrics;
using Xunit;

namespace CardFirmware.Biometrics.Tests;

/// <summary>
/// The vault's Reed–Solomon decoder (managed reference) against the definition: a polynomial of
/// degree &lt; k through all but at most (n - k) / 2 of n points is found exactly, anything further
/// from every such polynomial is refused with zeroed coefficients. tests/Native.Tests holds the native
/// decoder to the same results.
/// </summary>
public class ReedSolomonDecoderTests
{
    private const uint P = 0x7FFFFFFF;

    [Fact]
    public void RandomPointSets_DecodeExactlyWhenWithinCapacity_2000Sets()
    {
        var random = new Random(21);
        var outcomes = new int[2];
        for (var trial = 0; trial < 2000; trial++)
        {
            var k = HelperData.MinK + random.Next(HelperData.MaxK - HelperData.MinK + 1);
            var n = k + random.Next((2 * FuzzyVault.MaxErrors) + 1);
            var errors = random.Next(n - k + 1);
            var (polynomial, x, y) = Points(random, k, n, errors, withZero: trial % 3 == 0);

            var coefficients = Garbage(random, k);
            var decoder = new ReedSolomonDecoder(k + (2 * FuzzyVault.MaxErrors));
            var decoded = decoder.Decode(x, y, n, k, coefficients);

            Assert.Equal(errors <= (n - k) / 2, decoded);
            Assert.Equal(decoded ? polynomial : new uint[k], coefficients);
            Assert.All(decoder.Work, w => Assert.Equal(0u, w));
            outcomes[decoded ? 1 : 0]++;
        }

        Assert.True(outcomes[0] > 200 && outcomes[1] > 200, $"decoded {outcomes[1]}, refused {outcomes[0]}");
    }

    [Theory]
    [InlineData(FuzzyVault.DefaultK, 0)]
    [InlineData(FuzzyVault.DefaultK, 1)]
    [InlineData(HelperData.MinK, 0)]
    [InlineData(HelperData.MaxK, 1)]
    public void ErrorsExactlyAtCapacity_Decode_OneMore_IsRefused(int k, int extraPoint)
    {
        var random = new Random(k + extraPoint);
        var n = k + (2 * FuzzyVault.MaxErrors) - extraPoint;
        var capacity = (n - k) / 2;
        for (var trial = 0; trial < 50; trial++)
        {
            var atCapacity = Points(random, k, n, capacity, withZero: true);
            var beyond = Points(random, k, n, capacity + 1, withZero: true);

            var coefficients = new uint[k];
            Assert.True(new ReedSolomonDecoder(n).Decode(atCapacity.X, atCapacity.Y, n, k, coefficients));
            Assert.Equal(atCapacity.Polynomial, coefficients);
            Assert.False(new ReedSolomonDecoder(n).Decode(beyond.X, beyond.Y, n, k, coefficients));
            Assert.Equal(new uint[k], coefficients);
        }
    }

    [Fact]
    public void AllChaff_IsRefused()
    {
        var random = new Random(5);
        var k = FuzzyVault.DefaultK;
        var n = k + (2 * FuzzyVault.MaxErrors);
        for (var trial = 0; trial < 200; trial++)
        {
            var (_, x, y) = Points(random, k, n, n, withZero: false);
            var coefficients = Garbage(random, k);
            Assert.False(new ReedSolomonDecoder(n).Decode(x, y, n, k, coefficients));
            Assert.Equal(new uint[k], coefficients);
        }
    }

    [Fact]
    public void NoRedundancy_InterpolatesTheKPoints()
    {
        var random = new Random(8);
        var k = FuzzyVault.DefaultK;
        var (polynomial, x, y) = Points(random, k, k, 0, withZero: true);
        var coefficients = new uint[k];

        Assert.True(new ReedSolomonDecoder(k).Decode(x, y, k, k, coefficients));
        Assert.Equal(polynomial, coefficients);
    }

    [Fact]
    public void RepeatedX_IsRefused_EvenWhenTheValuesAgree()
    {
        var random = new Random(9);
        var k = HelperData.MinK;
        var n = k + 4;
        var (_, x, y) = Points(random, k, n, 0, withZero: false);
        x[1] = x[0];
        y[1] = y[0];
        var coefficients = Garbage(random, k);

        Assert.False(new ReedSolomonDecoder(n).Decode(x, y, n, k, coefficients));
        Assert.Equal(new uint[k], coefficients);
    }

    [Fact]
    public void TooFewPointsOrMoreThanTheWorkSpace_IsRefused()
    {
        var random = new Random(10);
        var k = HelperData.MinK;
        var (_, x, y) = Points(random, k, k + 4, 0, withZero: false);
        var coefficients = new uint[k];

        Assert.False(new ReedSolomonDecoder(k + 4).Decode(x, y, k - 1, k, coefficients));
        Assert.False(new ReedSolomonDecoder(k + 2).Decode(x, y, k + 4, k, coefficients));
    }

    [Fact]
    public void WorkSpace_GrowsLinearly()
    {
        Assert.Equal((9 * 50) + 5, new ReedSolomonDecoder(50).Work.Length);
        Assert.Equal((9 * 255) + 5, ReedSolomonDecoder.WorkWords(255));
    }

    // n points of a random polynomial of k coefficients at distinct 24-bit x (0 among them with
    // withZero), `errors` of them moved off it by a non-zero amount.
    private static (uint[] Polynomial, uint[] X, uint[] Y) Points(Random random, int k, int n, int errors, bool withZero)
    {
        var polynomial = Enumerable.Range(0, k).Select(_ => (uint)random.Next(int.MaxValue)).ToArray();
        var xs = new HashSet<uint>();
        if (withZero)
        {
            xs.Add(0);
        }

        while (xs.Count < n)
        {
            xs.Add((uint)random.Next(1 << 24));
        }

        var x = xs.OrderBy(_ => random.Next()).ToArray();
        var y = x.Select(v => Evaluate(polynomial, v)).ToArray();
        foreach (var i in Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(errors))
        {
            y[i] = (uint)((y[i] + 1UL + (ulong)random.Next(int.MaxValue - 1)) % P);
        }

        return (polynomial, x, y);
    }

    private static uint Evaluate(uint[] polynomial, uint x)
    {
        var y = 0UL;
        for (var c = polynomial.Length - 1; c >= 0; c--)
        {
            y = ((y * x) + polynomial[c]) % P;
        }

        return (uint)y;
    }

    private static uint[] Garbage(Random random, int k) => Enumerable.Range(0, k).Select(_ => (uint)random.Next()).ToArray();
}
