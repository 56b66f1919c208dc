using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CardFirmware.HalSim.Images;

/// <summary>
/// The master ridge pattern of one synthetic finger at sensor resolution (508 dpi): what the whole
/// fingertip would print if pressed evenly. Made once per finger id, SFinGe-style:
/// <list type="number">
/// <item>a Henry class and its cores/deltas, drawn from the finger id (<see cref="OrientationField"/>);</item>
/// <item>a ridge period of 8.5 - 10.5 px (0.43 - 0.53 mm, the adult range);</item>
/// <item>ridges grown from white noise by repeated Gabor filtering, each pixel with the kernel of its
/// local orientation (elongated along the ridge, so ridges run long), then clipped; the noise seeds
/// where ridges end and fork (minutiae), so two fingers of the same class still differ in detail.</item>
/// </list>
/// Values are in [-1, 1]: +1 is the middle of a ridge, -1 the middle of a valley.
/// </summary>
internal sealed class FingerPattern
{
    /// <summary>Master width in pixels (16 mm).</summary>
    public const int Width = 320;

    /// <summary>Master height in pixels (17.6 mm).</summary>
    public const int Height = 352;

    private const int OrientationBins = 32;
    private const int KernelRadius = 7;
    private const int KernelSize = 2 * KernelRadius + 1;

    // Kernel rows are stored 16 floats wide (15 taps and a zero) so that one row is two 8-lane vectors.
    private const int KernelRowWidth = 16;
    private const int Iterations = 7;

    // Padded work buffer: the kernel radius on every side, plus the one extra column the 16-wide rows read.
    private const int Stride = Width + 2 * KernelRadius + 1;

    private FingerPattern(float[] ridges, double contactHalfWidth, double contactHalfHeight, FingerClass fingerClass)
    {
        Ridges = ridges;
        ContactHalfWidth = contactHalfWidth;
        ContactHalfHeight = contactHalfHeight;
        Class = fingerClass;
    }

    /// <summary>Ridge values, row-major, <see cref="Width"/> x <see cref="Height"/>.</summary>
    public float[] Ridges { get; }

    /// <summary>Half-width of the elliptical contact area at normal pressure, centred on the master.</summary>
    public double ContactHalfWidth { get; }

    /// <summary>Half-height of the elliptical contact area at normal pressure.</summary>
    public double ContactHalfHeight { get; }

    /// <summary>The Henry class drawn for this finger.</summary>
    public FingerClass Class { get; }

    /// <summary>Centre of the master in x.</summary>
    public static double CentreX => (Width - 1) / 2.0;

    /// <summary>Centre of the master in y.</summary>
    public static double CentreY => (Height - 1) / 2.0;

    /// <summary>Builds the pattern of finger <paramref name="fingerKey"/>; deterministic.</summary>
    public static FingerPattern Create(ulong fingerKey)
    {
        var random = new SeededRandom(fingerKey, 0x46494E47UL);
        var fingerClass = DrawClass(random);
        var field = new OrientationField(PlaceSingularities(fingerClass, random), random.Range(-0.15, 0.15), DrawWaves(random));
        var period = random.Range(8.5, 10.5);
        var bins = OrientationBinsOf(field);
        var kernels = GaborKernels(period);
        var ridges = Grow(bins, kernels, random);
        return new FingerPattern(ridges, random.Range(138, 156), random.Range(158, 174), fingerClass);
    }

    private static FingerClass DrawClass(SeededRandom random)
    {
        var u = random.NextDouble();
        return u < 0.32 ? FingerClass.LeftLoop
            : u < 0.62 ? FingerClass.RightLoop
            : u < 0.92 ? FingerClass.Whorl
            : u < 0.96 ? FingerClass.Arch
            : FingerClass.TentedArch;
    }

    // Positions follow the usual anatomy: cores near the centre of the fingertip, deltas lower and
    // to the side (loops: opposite the side the ridges open to; whorls: one on each side).
    private static Singularity[] PlaceSingularities(FingerClass fingerClass, SeededRandom random)
    {
        var cx = CentreX + random.Range(-20, 20);
        var cy = CentreY + random.Range(-30, 10);
        switch (fingerClass)
        {
            case FingerClass.LeftLoop:
            case FingerClass.RightLoop:
                var side = fingerClass == FingerClass.LeftLoop ? 1 : -1;
                return
                [
                    new Singularity(cx, cy, true),
                    new Singularity(cx + side * random.Range(70, 115), cy + random.Range(75, 115), false),
                ];
            case FingerClass.Whorl:
                var spread = random.Range(6, 22);
                var tilt = random.Range(-0.6, 0.6);
                return
                [
                    new Singularity(cx - spread * Math.Cos(tilt), cy - spread * Math.Sin(tilt), true),
                    new Singularity(cx + spread * Math.Cos(tilt), cy + spread * Math.Sin(tilt), true),
                    new Singularity(cx - random.Range(85, 120), cy + random.Range(80, 115), false),
                    new Singularity(cx + random.Range(85, 120), cy + random.Range(80, 115), false),
                ];
            case FingerClass.Arch:
                // A core-delta pair far below the fingertip bends the ridges into a smooth arch.
                var archY = Height + random.Range(40, 90);
                return [new Singularity(cx, archY, true), new Singularity(cx, archY + random.Range(60, 100), false)];
            default:
                return [new Singularity(cx, cy + 10, true), new Singularity(cx + random.Range(-8, 8), cy + random.Range(55, 80), false)];
        }
    }

    private static double[] DrawWaves(SeededRandom random)
    {
        var waves = new double[12];
        for (var i = 0; i < waves.Length; i += 4)
        {
            var wavelength = random.Range(120, 320);
            var direction = random.Range(0, Math.PI);
            waves[i] = random.Range(0.03, 0.10);
            waves[i + 1] = 2 * Math.PI / wavelength * Math.Cos(direction);
            waves[i + 2] = 2 * Math.PI / wavelength * Math.Sin(direction);
            waves[i + 3] = random.Range(0, 2 * Math.PI);
        }

        return waves;
    }

    // The field is smooth away from the singularities, so it is evaluated on a grid every
    // OrientationStep pixels and interpolated as the doubled-angle vector (cos 2t, sin 2t), which has
    // no wrap-around at pi; this saves most of the trigonometry.
    private static byte[] OrientationBinsOf(OrientationField field)
    {
        const int step = 4;
        var gridWidth = Width / step + 2;
        var gridHeight = Height / step + 2;
        var cos2 = new double[gridWidth * gridHeight];
        var sin2 = new double[gridWidth * gridHeight];
        for (var gy = 0; gy < gridHeight; gy++)
        {
            for (var gx = 0; gx < gridWidth; gx++)
            {
                var angle = 2 * field.At(gx * step, gy * step);
                cos2[gy * gridWidth + gx] = Math.Cos(angle);
                sin2[gy * gridWidth + gx] = Math.Sin(angle);
            }
        }

        var bins = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            var gy = y / step;
            var fy = (y - gy * step) / (double)step;
            for (var x = 0; x < Width; x++)
            {
                var gx = x / step;
                var fx = (x - gx * step) / (double)step;
                var i = gy * gridWidth + gx;
                var c = Interpolate(cos2, i, gridWidth, fx, fy);
                var s = Interpolate(sin2, i, gridWidth, fx, fy);
                var angle = Math.Atan2(s, c) / 2;
                if (angle < 0)
                {
                    angle += Math.PI;
                }

                bins[y * Width + x] = (byte)((int)Math.Round(angle / Math.PI * OrientationBins) % OrientationBins);
            }
        }

        return bins;
    }

    private static double Interpolate(double[] grid, int i, int gridWidth, double fx, double fy)
    {
        var top = grid[i] + (grid[i + 1] - grid[i]) * fx;
        var bottom = grid[i + gridWidth] + (grid[i + gridWidth + 1] - grid[i + gridWidth]) * fx;
        return top + (bottom - top) * fy;
    }

    // Even-symmetric Gabor kernels, one per orientation bin: an anisotropic Gaussian envelope (long
    // along the ridge, short across it) times a cosine across the ridges, mean removed so flat areas
    // die out. Stored row by row, KernelRowWidth floats per row.
    private static float[][] GaborKernels(double period)
    {
        const double sigmaAlong = 4.5;
        const double sigmaAcross = 3.2;
        var kernels = new float[OrientationBins][];
        for (var bin = 0; bin < OrientationBins; bin++)
        {
            var theta = bin * Math.PI / OrientationBins;

            // Ridge direction in image coordinates (y down) is (cos, -sin); its normal is (sin, cos).
            var ax = Math.Cos(theta);
            var ay = -Math.Sin(theta);
            var values = new double[KernelSize * KernelSize];
            double mean = 0;
            for (var v = -KernelRadius; v <= KernelRadius; v++)
            {
                for (var u = -KernelRadius; u <= KernelRadius; u++)
                {
                    var along = u * ax + v * ay;
                    var across = -u * ay + v * ax;
                    var envelope = Math.Exp(-along * along / (2 * sigmaAlong * sigmaAlong) - across * across / (2 * sigmaAcross * sigmaAcross));
                    var value = envelope * Math.Cos(2 * Math.PI * across / period);
                    values[(v + KernelRadius) * KernelSize + u + KernelRadius] = value;
                    mean += value;
                }
            }

            mean /= values.Length;
            var kernel = new float[KernelSize * KernelRowWidth];
            for (var row = 0; row < KernelSize; row++)
            {
                for (var column = 0; column < KernelSize; column++)
                {
                    kernel[row * KernelRowWidth + column] = (float)(values[row * KernelSize + column] - mean);
                }
            }

            kernels[bin] = kernel;
        }

        return kernels;
    }

    private static float[] Grow(byte[] bins, float[][] kernels, SeededRandom random)
    {
        // Work in a buffer padded by the kernel radius with zeros, so the inner loop needs no bounds tests.
        var current = new float[Stride * (Height + 2 * KernelRadius)];
        var next = new float[current.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                current[Padded(x, y)] = (float)random.Range(-1, 1);
            }
        }

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            FilterOnce(current, next, bins, kernels);
            (current, next) = (next, current);
        }

        var ridges = new float[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            Array.Copy(current, Padded(0, y), ridges, y * Width, Width);
        }

        return ridges;
    }

    private static void FilterOnce(float[] input, float[] output, byte[] bins, float[][] kernels)
    {
        var sumSquares = new double[Height];
        Parallel.For(0, Height, y =>
        {
            ref var inputStart = ref MemoryMarshal.GetArrayDataReference(input);
            double rowSquares = 0;
            for (var x = 0; x < Width; x++)
            {
                ref var kernel = ref MemoryMarshal.GetArrayDataReference(kernels[bins[y * Width + x]]);
                var start = (nuint)(y * Stride + x);
                var sum = Vector256<float>.Zero;
                for (nuint v = 0; v < KernelSize; v++, start += Stride)
                {
                    var k = v * KernelRowWidth;
                    sum += Vector256.LoadUnsafe(ref inputStart, start) * Vector256.LoadUnsafe(ref kernel, k);
                    sum += Vector256.LoadUnsafe(ref inputStart, start + 8) * Vector256.LoadUnsafe(ref kernel, k + 8);
                }

                var total = Vector256.Sum(sum);
                output[Padded(x, y)] = total;
                rowSquares += total * total;
            }

            sumSquares[y] = rowSquares;
        });

        // Clip at about 1.5 standard deviations: the response saturates into clean ridges and
        // valleys while the kernel's frequency keeps the spacing.
        var gain = (float)(1.5 / Math.Sqrt(sumSquares.Sum() / (Width * Height) + 1e-12));
        for (var y = 0; y < Height; y++)
        {
            var start = Padded(0, y);
            for (var x = 0; x < Width; x++)
            {
                output[start + x] = Math.Clamp(output[start + x] * gain, -1f, 1f);
            }
        }
    }

    private static int Padded(int x, int y) => (y + KernelRadius) * Stride + x + KernelRadius;
}
