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
    public void EstimateNativeWork_PricesTheAeadPerByte_FromTheEmbeddedTable()
    {
        var costs = CostTable.Load();
        const string Seal = "M:CardFirmware.Crypto.Native.INativeModule.ChaCha20Poly1305Seal(System.Byte[],System.Byte[],System.Byte[],System.Byte[],System.Int32,System.Int32,System.Byte[],System.Int32)";
        var clock = costs.NativeEntryPointCosts!.ClockHz;

        var small = costs.EstimateNativeWork([(Seal, 1L, 1_024L)]);
        var large = costs.EstimateNativeWork([(Seal, 1L, 39_984L)]);

        // The two sizes count-instructions.sh measured: 38,070 and 1,403,836 instructions (within a few).
        Assert.Equal(38_070, small.LowSeconds * clock, 0.001 * 38_070);
        Assert.Equal(1_403_836, large.LowSeconds * clock, 0.001 * 1_403_836);
        Assert.Equal("count", costs.NativeSizeArguments["ChaCha20Poly1305Open"]);
    }

    [Fact]
    public void EstimateNativeWork_PricesBatchedHashingPerCompressionBlock_FromTheEmbeddedTable()
    {
        var costs = CostTable.Load();
        const string Many = "M:CardFirmware.Crypto.Native.INativeModule.Sha256Many(System.Byte[],System.Int32,System.Int32,System.Byte[])";
        var clock = costs.NativeEntryPointCosts!.ClockHz;

        var one = costs.EstimateNativeWork([(Many, 1L, 1L)]);
        var batch = costs.EstimateNativeWork([(Many, 1L, 192L)]);

        // callgrind, portable compression: 1 one-block message 4,394 instructions, 192 of them in one call 835,436.
        Assert.Equal(4_394, one.LowSeconds * clock, 0.01 * 4_394);
        Assert.Equal(835_436, batch.LowSeconds * clock, 0.01 * 835_436);
        Assert.Equal(new Sha256BlockArguments("messageLength", "count"), costs.NativeBlockArguments["Sha256Many"]);
        Assert.Equal(new Sha256BlockArguments("count"), costs.NativeBlockArguments["Sha256"]);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(55, 1, 1)]
    [InlineData(56, 1, 2)]
    [InlineData(119, 1, 2)]
    [InlineData(120, 1, 3)]
    [InlineData(32, 192, 192)]
    [InlineData(76, 64, 128)]
    [InlineData(-1, 4, 0)]
    public void Sha256Blocks_CountFips180PaddedBlocksPerMessageTimesMessages(long length, long messages, long blocks) =>
        Assert.Equal(blocks, Sha256BlockArguments.Blocks(length, messages));

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

    [Fact]
    public void CardTimeModel_ChargesEachSessionTouchAndCommandItsMeteredFigure()
    {
        var costs = CostTable.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Table)));
        OperationFigure Op(string id, long il, long calls) => new(id, id, il, calls, 0, 0);
        var figures = new OperationFigures("test", [
            Op(CardTimeModel.Boot, 4_000_000, 0), Op(CardTimeModel.Handshake, 1_000_000, 0), Op(CardTimeModel.SessionEnd, 0, 0),
            Op(CardTimeModel.EnrollTouch, 2_000_000, 0), Op(CardTimeModel.EnrollCompletion, 8_000_000, 0),
            Op(CardTimeModel.VerificationTouch, 3_000_000, 100_000), Op(CardTimeModel.WalletCreation, 10_000_000, 0),
            Op(CardTimeModel.Signature, 5_000_000, 0)]);
        var model = new CardTimeModel(costs, figures);

        var tap = model.Estimate(new CardWork(Sessions: 1, VerificationTouches: 1, Signatures: 1));
        var enrollment = model.Estimate(new CardWork(Sessions: 1, EnrollmentTouches: 5, EnrollmentsCompleted: 1));

        // 1 M + 3 M + 5 M IL and 100,000 native calls: 9 M / 4 M IL/s + 0.2 s, 9 M / 1 M IL/s + 1 s.
        Assert.Equal(2.25 + 0.2, tap.LowSeconds, 9);
        Assert.Equal(9.0 + 1.0, tap.HighSeconds, 9);
        Assert.Equal(19.0, enrollment.HighSeconds, 9);
        Assert.Equal(4.0, model.Estimate(new CardWork(Boots: 1)).HighSeconds, 9);
        Assert.Throws<KeyNotFoundException>(() => new CardTimeModel(costs, new OperationFigures("empty", [])).Estimate(new CardWork(Sessions: 1)));
    }

    [Fact]
    public void EmbeddedFigures_HoldEveryOperationTheSimulatorCharges()
    {
        var model = CardTimeModel.Load();

        var tap = model.Estimate(new CardWork(Sessions: 1, VerificationTouches: 1, Signatures: 1));

        Assert.True(tap.LowSeconds > 0 && tap.HighSeconds > tap.LowSeconds, tap.ToString());
        Assert.True(model.Estimate(new CardWork(Boots: 1, EnrollmentTouches: 1, EnrollmentsCompleted: 1, WalletCreations: 1)).HighSeconds > 0);
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
