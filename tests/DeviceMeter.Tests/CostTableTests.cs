using System.Text;
using CardFirmware.CardTime;
using CardFirmware.DeviceMeter.Runtime;

namespace CardFirmware.DeviceMeter.Tests;

public sealed class CostTableTests
{
    private const string Table = """
        {"about": "test", "figures": [
          {"id": "il-per-second", "low": 1000000, "high": 4000000, "unit": "IL/s", "source": "s1"},
          {"id": "interop-call-microseconds", "low": 2, "high": 10, "unit": "us", "source": "s2"}],
         "nativeMethods": {"source": "s3", "ids": ["M:System.Array.Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)"]}}
        """;

    [Fact]
    public void Estimate_FastCardUsesTheHighRateAndCheapCalls_SlowCardTheOpposite()
    {
        var costs = CostTable.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Table)));

        var estimate = costs.Estimate(il: 8_000_000, nativeCalls: 50_000);

        Assert.Equal(2.0 + 0.1, estimate.LowSeconds, 9);
        Assert.Equal(8.0 + 0.5, estimate.HighSeconds, 9);
    }

    [Fact]
    public void Estimate_AddsAndScalesAsRanges()
    {
        var one = new CardTimeEstimate(0.25, 1.5);

        var three = (3 * one) + CardTimeEstimate.Zero;

        Assert.Equal(new CardTimeEstimate(0.75, 4.5), three);
        Assert.Equal("0.8-4.5 s", three.ToString());
        Assert.Equal("40-200 ms", new CardTimeEstimate(0.04, 0.2).ToString());
    }

    [Fact]
    public void Parse_RejectsARangeWhoseLowExceedsItsHigh()
    {
        var swapped = Table.Replace("\"low\": 1000000, \"high\": 4000000", "\"low\": 4000000, \"high\": 1000000");

        Assert.Throws<InvalidDataException>(() => CostTable.Parse(new MemoryStream(Encoding.UTF8.GetBytes(swapped))));
    }

    [Fact]
    public void EmbeddedTable_GivesEveryFigureASourceAndListsArrayCopyAsNative()
    {
        var costs = CostTable.Load();

        Assert.All(costs.Figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Source), f.Id));
        Assert.Contains("M:System.Array.Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)", costs.NativeMethods);
        Assert.All(costs.Figures, f => Assert.Contains(f.Source, costs.Describe()));
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(4, 24)]
    [InlineData(10, 36)]
    [InlineData(16, 36)]
    [InlineData(17, 48)]
    public void NanoClrSizes_ByteArrayIsTwentyByteHeaderPlusElementsInTwelveByteBlocks(int length, int bytes) =>
        Assert.Equal(bytes, NanoClrSizes.OfArray(typeof(byte), length));

    [Fact]
    public void NanoClrSizes_WordsAndReferencesTakeTheirSizeInArrays()
    {
        Assert.Equal(60, NanoClrSizes.OfArray(typeof(uint), 8));
        Assert.Equal(120, NanoClrSizes.OfArray(typeof(object), 8));
        Assert.Equal(84, NanoClrSizes.OfArray(typeof(ulong), 8));
    }

    [Fact]
    public void NanoClrSizes_ObjectIsOneBlockPlusOnePerFieldAndABoxedIntTwo()
    {
        Assert.Equal(12 * 3, NanoClrSizes.OfInstance(typeof(TwoFields)));
        Assert.Equal(24, NanoClrSizes.Of(42));
    }

    private sealed class TwoFields
    {
        public int A = 1;
        public object? B = null;
    }
}
