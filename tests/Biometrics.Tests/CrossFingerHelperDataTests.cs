using static CardFirmware.Biometrics.Tests.FingerKeyExtractorTests;

namespace CardFirmware.Biometrics.Tests;

/// <summary>
/// Helper data is bound to its finger: one finger's helper data never releases another finger's key
/// (nor its own key to another finger's touch), and damage to any field of the helper data ends in a
/// typed refusal or the enrolled key, never in some other key, with nothing left behind.
/// </summary>
public class CrossFingerHelperDataTests
{
    private static readonly int[] Fingers = [2, 3, 5, 8];

    [Trait("Category", "Slow")]
    [Fact]
    public void HelperDataOfOneFinger_NeverReproducesAnotherFingersKey()
    {
        var enrolled = Fingers.Select(f => Enroll(f, entropyByte: (byte)f)).ToArray();
        var extractor = new FingerKeyExtractor();
        var ownKeys = 0;

        for (var h = 0; h < Fingers.Length; h++)
        {
            for (var t = 0; t < Fingers.Length; t++)
            {
                var key = new byte[FingerKeyExtractor.KeyLength];
                var outcome = extractor.Reproduce(Touch(Fingers[t], 12), enrolled[h].Helper, key);

                if (h == t)
                {
                    // The control: each finger's touch does open its own helper data (else the cross
                    // refusals below would prove nothing).
                    ownKeys += outcome == ReproduceOutcome.Reproduced && key.AsSpan().SequenceEqual(enrolled[h].Key) ? 1 : 0;
                    continue;
                }

                Assert.NotEqual(ReproduceOutcome.Reproduced, outcome);
                Assert.All(key, b => Assert.Equal(0, b));
                Assert.True(extractor.IsClear());
            }
        }

        Assert.True(ownKeys >= Fingers.Length - 1, $"only {ownKeys} of {Fingers.Length} fingers opened their own helper data");
        for (var a = 0; a < enrolled.Length; a++)
        {
            for (var b = a + 1; b < enrolled.Length; b++)
            {
                Assert.False(enrolled[a].Key.AsSpan().SequenceEqual(enrolled[b].Key));
            }
        }
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void FlippedBit_InEveryField_FailsCleanly_OrGivesTheEnrolledKey()
    {
        var (helper, key) = Enroll(3);
        var extractor = new FingerKeyExtractor();
        var lastPoint = HelperData.HeaderLength + ((FuzzyVault.Size - 1) * HelperData.PointLength);
        // Version, K, point count (both bytes), salt, check value, then the x and the y of the first,
        // a middle and the last point.
        var offsets = new[] { 0, 1, 2, 3, 4, 4 + HelperData.SaltLength - 1, 4 + HelperData.SaltLength, HelperData.HeaderLength - 1 }
            .Concat(new[] { HelperData.HeaderLength, HelperData.HeaderLength + (850 * HelperData.PointLength), lastPoint }
                .SelectMany(p => new[] { p, p + 2, p + 3, p + 6 }));
        var refusedOrNotRecognized = 0;

        foreach (var offset in offsets)
        {
            foreach (var bit in new[] { 0, 7 })
            {
                var damaged = (byte[])helper.Clone();
                damaged[offset] ^= (byte)(1 << bit);
                var again = new byte[FingerKeyExtractor.KeyLength];
                try
                {
                    var outcome = extractor.Reproduce(Touch(3, 12), damaged, again);
                    if (outcome == ReproduceOutcome.Reproduced)
                    {
                        // Only a point the touch did not need may be damaged and still decode.
                        Assert.Equal(key, again);
                    }
                    else
                    {
                        refusedOrNotRecognized++;
                        Assert.All(again, b => Assert.Equal(0, b));
                    }
                }
                catch (BiometricException e)
                {
                    refusedOrNotRecognized++;
                    Assert.Contains(e.Error, new[] { BiometricError.HelperDataMalformed, BiometricError.HelperDataVersion });
                    Assert.All(again, b => Assert.Equal(0, b));
                }

                Assert.True(extractor.IsClear());
            }
        }

        // Header damage (version, K, count, salt, check) can never give the key back.
        Assert.True(refusedOrNotRecognized >= 16, $"only {refusedOrNotRecognized} damaged copies were refused");
    }
}
