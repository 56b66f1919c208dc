namespace CardFirmware.Biometrics.Tests;

public class TripletEncoderTests
{
    [Fact]
    public void CodeSpace_FitsTheVaultsThreeByteField()
    {
        Assert.True(TripletEncoder.CodeSpace <= 1 << 24, $"code space {TripletEncoder.CodeSpace} exceeds 2^24");
    }

    [Fact]
    public void Codes_AreBelow2To24_AndTolerantCodesContainTheExactOnes()
    {
        var random = new Random(7);
        var codes = new CodeBuffer(1 << 16);
        var bins = new int[6];
        var fractions = new float[6];
        for (var trial = 0; trial < 20; trial++)
        {
            var set = RandomSet(random, 20);
            var exactCount = TripletEncoder.Encode(set, false, codes, bins, fractions);
            Assert.True(exactCount > 0);
            var exact = Take(codes, exactCount).ToArray();
            var tolerantCount = TripletEncoder.Encode(set, true, codes, bins, fractions);
            var tolerant = Take(codes, tolerantCount).ToHashSet();
            Assert.All(exact, c => Assert.True(c < (1u << 24)));
            Assert.All(tolerant, c => Assert.True(c < (1u << 24)));
            Assert.All(exact, c => Assert.Contains(c, tolerant));
        }
    }

    [Fact]
    public void RotatedAndShiftedMinutiae_MostlyKeepTheirCodes()
    {
        var random = new Random(11);
        var codes = new CodeBuffer(1 << 16);
        var bins = new int[6];
        var fractions = new float[6];
        var set = RandomSet(random, 15, margin: 50);
        var before = Take(codes, TripletEncoder.Encode(set, false, codes, bins, fractions)).ToHashSet();

        // 20 degrees about the centre plus a shift; positions round to whole pixels.
        var moved = new MinutiaSet(set.Count);
        var turn = 20 * Math.PI / 180;
        for (var i = 0; i < set.Count; i++)
        {
            var dx = set.X[i] - 96.0;
            var dy = set.Y[i] - 96.0;
            var x = 96 + (dx * Math.Cos(turn)) - (dy * Math.Sin(turn)) + 5;
            var y = 96 + (dx * Math.Sin(turn)) + (dy * Math.Cos(turn)) - 3;
            moved.Add((int)Math.Round(x), (int)Math.Round(y), set.Type[i], Angles.WrapTwoPi(set.Angle[i] + (float)turn), 1f);
        }

        var after = Take(codes, TripletEncoder.Encode(moved, true, codes, bins, fractions)).ToHashSet();
        var kept = before.Count(after.Contains);
        Assert.True(kept >= before.Count * 8 / 10, $"only {kept} of {before.Count} codes survived a rigid motion");
    }

    private static IEnumerable<uint> Take(CodeBuffer codes, int count) => Enumerable.Range(0, count).Select(i => codes[i]);

    [Fact]
    public void EncodeFitting_DropsTheLeastReliableMinutiae_WhenTheCodesWouldOverflow()
    {
        var random = new Random(5);
        var bins = new int[6];
        var fractions = new float[6];
        var set = RandomSet(random, 24);
        for (var i = 0; i < set.Count; i++)
        {
            set.Reliability[i] = (float)random.NextDouble();
        }

        var reliabilities = set.Reliability.Take(set.Count).OrderDescending().ToArray();
        var large = new CodeBuffer(1 << 16);
        var all = TripletEncoder.Encode(set, true, large, bins, fractions);
        var small = new CodeBuffer(all / 2);

        var written = TripletEncoder.EncodeFitting(set, true, small, bins, fractions);

        // What is left are the most reliable minutiae, and their codes all fit (none truncated).
        Assert.InRange(set.Count, 3, 23);
        Assert.Equal(reliabilities.Take(set.Count).Order(), set.Reliability.Take(set.Count).Order());
        var again = TripletEncoder.Encode(set, true, large, bins, fractions);
        Assert.Equal(again, written);
        Assert.Equal(Take(large, again).Order(), Take(small, written).Order());
    }

    [Fact]
    public void EncodeFitting_LeavesTheSetAlone_WhenTheCodesFit()
    {
        var set = RandomSet(new Random(9), 12);
        var codes = new CodeBuffer(1 << 16);
        var written = TripletEncoder.EncodeFitting(set, true, codes, new int[6], new float[6]);
        Assert.Equal(12, set.Count);
        Assert.Equal(TripletEncoder.Encode(set, true, new CodeBuffer(1 << 16), new int[6], new float[6]), written);
    }

    private static MinutiaSet RandomSet(Random random, int count, int margin = 10)
    {
        var set = new MinutiaSet(count);
        for (var i = 0; i < count; i++)
        {
            set.Add(random.Next(margin, 192 - margin), random.Next(margin, 192 - margin), random.Next(2) == 0 ? MinutiaSet.Ending : MinutiaSet.Bifurcation,
                (float)(random.NextDouble() * 2 * Math.PI), 1f);
        }

        return set;
    }
}
