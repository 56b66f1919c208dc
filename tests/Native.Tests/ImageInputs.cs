using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Native.Tests;

/// <summary>
/// Inputs for the image kernels: synthetic captures (optical and capacitive, placed at random, some
/// faint or noisy) and random frames, block arrays and ridge maps, each drawn from one seed.
/// </summary>
internal sealed class ImageInputs(int seed)
{
    private readonly Random random = new(seed);

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    // Rendered captures the frames are varied from (rendering is the slow part): 48 fingers, optical
    // and capacitive, placed at random.
    private static readonly Lazy<byte[][]> Captures = new(() =>
    {
        var captures = new byte[96][];
        for (var i = 0; i < captures.Length; i++)
        {
            captures[i] = new byte[FrameGeometry.FrameSize];
            var sensor = i % 2 == 0 ? SyntheticSensor.Optical : SyntheticSensor.Capacitive;
            SyntheticFingerprint.Render(1 + (i / 2), i, captures[i], PlacementOptions.Default, sensor);
        }

        return captures;
    });

    /// <summary>
    /// A frame: mostly a rendered capture shifted by a random offset (bare sensor filling in), some
    /// compressed or noisy; else random bytes or sinusoidal ridges of random period and direction.
    /// </summary>
    public byte[] Frame()
    {
        var frame = new byte[FrameGeometry.FrameSize];
        switch (random.Next(8))
        {
            case 0:
                random.NextBytes(frame);
                return frame;
            case 1:
                return Waves(frame);
            default:
                var capture = Captures.Value[random.Next(Captures.Value.Length)];
                var dx = random.Next(97) - 48;
                var dy = random.Next(97) - 48;
                const int side = FrameGeometry.Side;
                for (var y = 0; y < side; y++)
                {
                    for (var x = 0; x < side; x++)
                    {
                        int sx = x + dx, sy = y + dy;
                        frame[(y * side) + x] = sx >= 0 && sy >= 0 && sx < side && sy < side ? capture[(sy * side) + sx] : (byte)(245 + random.Next(11));
                    }
                }

                if (random.Next(4) == 0)
                {
                    var divisor = 2 + random.Next(4);
                    for (var i = 0; i < frame.Length; i++)
                    {
                        frame[i] = (byte)(255 - ((255 - frame[i]) / divisor));
                    }
                }

                if (random.Next(4) == 0)
                {
                    for (var i = 0; i < frame.Length; i++)
                    {
                        frame[i] = (byte)Math.Clamp(frame[i] + random.Next(41) - 20, 0, 255);
                    }
                }

                return frame;
        }
    }

    /// <summary>A 0/1 ridge map: random specks at a random density, or the ridge map of a capture.</summary>
    public byte[] RidgeMap()
    {
        var map = new byte[FrameGeometry.FrameSize];
        if (random.Next(2) == 0)
        {
            var density = random.Next(101);
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = (byte)(random.Next(100) < density ? 1 : 0);
            }

            return map;
        }

        var frame = Frame();
        var work = new Workspace();
        var bank = new GaborBank(CaptureAnalyzer.RidgePeriod, CaptureAnalyzer.GaborSigma);
        BlockAnalysis.Run(frame, work);
        RandomBlocks(work);
        RidgeEnhancer.Normalise(frame, work);
        bank.Tune(7f + (random.Next(21) * 0.25f));
        RidgeEnhancer.Filter(frame, work, bank);
        return frame;
    }

    /// <summary>
    /// Sometimes replaces the block analysis in <paramref name="w"/> by random values (any mask,
    /// kernel index, unit or non-unit vectors, coherence in [0, 1]), so the later kernels see inputs
    /// the block analysis would not give.
    /// </summary>
    public void RandomBlocks(Workspace w)
    {
        if (random.Next(4) != 0)
        {
            return;
        }

        for (var b = 0; b < FrameGeometry.BlockCount; b++)
        {
            w.Foreground[b] = (byte)(random.Next(3) == 0 ? 0 : 1);
            w.KernelIndex[b] = (byte)random.Next(GaborBank.Orientations);
            w.OrientationCos2[b] = (float)((random.NextDouble() * 2) - 1);
            w.OrientationSin2[b] = (float)((random.NextDouble() * 2) - 1);
            w.Coherence[b] = (float)random.NextDouble();
        }
    }

    /// <summary>A ridge period the bank may be tuned to: any quarter pixel in [7, 12], or any value in [3, 20).</summary>
    public float Period() => random.Next(2) == 0 ? 7f + (random.Next(21) * 0.25f) : (float)(3 + (random.NextDouble() * 17));

    // Sinusoidal ridges of a random period and direction, with noise and a bare-sensor region.
    private byte[] Waves(byte[] frame)
    {
        var period = 5 + (random.NextDouble() * 9);
        var angle = random.NextDouble() * Math.PI;
        var contrast = 10 + random.Next(120);
        var bare = random.Next(192);
        for (var y = 0; y < FrameGeometry.Side; y++)
        {
            for (var x = 0; x < FrameGeometry.Side; x++)
            {
                var phase = ((x * Math.Cos(angle)) + (y * Math.Sin(angle))) * 2 * Math.PI / period;
                var v = x < bare ? 128 + (contrast * Math.Cos(phase)) + random.Next(11) - 5 : 250;
                frame[(y * FrameGeometry.Side) + x] = (byte)Math.Clamp((int)v, 0, 255);
            }
        }

        return frame;
    }
}
