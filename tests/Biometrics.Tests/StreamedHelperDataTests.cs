namespace CardFirmware.Biometrics.Tests;

/// <summary>Helper data read a window at a time (the card streams it from flash) behaves as the array it stands for.</summary>
public class StreamedHelperDataTests
{
    private const int Owner = 3;

    [Fact]
    [Trait("Category", "Slow")]
    public void StreamedHelperData_ReproducesTheSameKeys_AsTheArray()
    {
        var (helper, key) = FingerKeyExtractorTests.Enroll(Owner);
        var extractor = new FingerKeyExtractor();

        for (var touch = 10; touch < 14; touch++)
        {
            var fromArray = new byte[FingerKeyExtractor.KeyLength];
            var fromSource = new byte[FingerKeyExtractor.KeyLength];
            var a = extractor.Reproduce(FingerKeyExtractorTests.Touch(Owner, touch), helper, fromArray);
            var source = new CountingSource(helper);
            var b = extractor.Reproduce(FingerKeyExtractorTests.Touch(Owner, touch), source, fromSource);

            Assert.Equal(a, b);
            Assert.Equal(fromArray, fromSource);
            Assert.True(source.LargestRead <= HelperData.WindowPoints * HelperData.PointLength, $"read {source.LargestRead} bytes at once");
            Assert.True(extractor.IsClear());
        }

        var last = new byte[FingerKeyExtractor.KeyLength];
        Assert.Equal(ReproduceOutcome.Reproduced, extractor.Reproduce(FingerKeyExtractorTests.Touch(Owner, 10), new CountingSource(helper), last));
        Assert.Equal(key, last);
    }

    [Fact]
    public void SourceThatChangesAfterParsing_FailsAsMalformed_AndLeavesNothingBehind()
    {
        var (helper, _) = FingerKeyExtractorTests.Enroll(Owner);
        var extractor = new FingerKeyExtractor();
        var pointsBytes = helper.Length - HelperData.HeaderLength;
        var source = new CountingSource(helper)
        {
            // Once the validating pass has read every point, the last point's y turns >= p.
            AfterBytes = HelperData.HeaderLength + pointsBytes,
            Tamper = bytes => bytes[^4] = 0xFF,
        };
        var key = new byte[FingerKeyExtractor.KeyLength];

        var e = Assert.Throws<BiometricException>(() => extractor.Reproduce(FingerKeyExtractorTests.Touch(Owner, 10), source, key));

        Assert.Equal(BiometricError.HelperDataMalformed, e.Error);
        Assert.True(extractor.IsClear());
        Assert.All(key, b => Assert.Equal(0, b));
    }

    [Fact]
    public void MissingRecord_IsMalformed()
    {
        var extractor = new FingerKeyExtractor();
        var e = Assert.Throws<BiometricException>(() =>
            extractor.Reproduce(FingerKeyExtractorTests.Touch(Owner, 10), new CountingSource(null), new byte[FingerKeyExtractor.KeyLength]));
        Assert.Equal(BiometricError.HelperDataMalformed, e.Error);
    }

    private sealed class CountingSource(byte[]? value) : IHelperDataSource
    {
        private readonly byte[]? _value = value == null ? null : (byte[])value.Clone();
        private long _read;

        public int LargestRead { get; private set; }

        public long AfterBytes { get; init; } = long.MaxValue;

        public Action<byte[]>? Tamper { get; init; }

        public int Length => _value?.Length ?? -1;

        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (_read >= AfterBytes && Tamper != null)
            {
                Tamper(_value!);
            }

            Array.Copy(_value!, offset, buffer, bufferOffset, count);
            _read += count;
            LargestRead = Math.Max(LargestRead, count);
        }
    }
}
