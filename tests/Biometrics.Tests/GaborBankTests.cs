namespace CardFirmware.Biometrics.Tests;

/// <summary>The half-stored Gabor kernels are bit for bit the full kernels they stand for.</summary>
public class GaborBankTests
{
    [Fact]
    public void HalfKernels_MirrorToTheFullKernels_BitForBit()
    {
        var bank = new GaborBank(CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma);
        const int taps = GaborBank.KernelSide * GaborBank.KernelSide;

        for (var o = 0; o < GaborBank.Orientations; o++)
        {
            var full = FullKernel(o, CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma);
            Assert.Equal(GaborBank.Orientations * GaborBank.StoredTaps, bank.Kernels.Length);
            for (var t = 0; t < taps; t++)
            {
                var stored = bank.Kernels[(o * GaborBank.StoredTaps) + (t < GaborBank.StoredTaps ? t : taps - 1 - t)];
                Assert.Equal(BitConverter.SingleToInt32Bits(full[t]), BitConverter.SingleToInt32Bits(stored));
            }
        }
    }

    // The full 11 x 11 kernel as the bank computed it before it kept half (the reference).
    private static float[] FullKernel(int o, float periodPixels, float sigma)
    {
        const int r = GaborBank.Radius;
        const int side = GaborBank.KernelSide;
        var k = new float[side * side];
        var frequency = 2f * Angles.Pi / periodPixels;
        var inverseTwoSigmaSquared = 1f / (2f * sigma * sigma);
        var ridge = o * Angles.Pi / GaborBank.Orientations;
        var nx = -(float)Math.Sin(ridge);
        var ny = (float)Math.Cos(ridge);
        var sum = 0f;
        for (var y = -r; y <= r; y++)
        {
            for (var x = -r; x <= r; x++)
            {
                var across = x * nx + y * ny;
                var envelope = (float)Math.Exp(-(x * x + y * y) * inverseTwoSigmaSquared);
                var value = envelope * (float)Math.Cos(frequency * across);
                k[(y + r) * side + x + r] = value;
                sum += value;
            }
        }

        var mean = sum / (side * side);
        for (var i = 0; i < k.Length; i++)
        {
            k[i] -= mean;
        }

        return k;
    }
}
