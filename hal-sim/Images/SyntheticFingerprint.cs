namespace CardFirmware.HalSim.Images;

/// <summary>
/// Synthetic fingerprints for a clone without data: <see cref="Render"/> draws what the sensor sees
/// when finger <c>fingerId</c> touches it for the <c>touchSeed</c>-th time.
/// The same finger id always has the same ridge pattern (class, cores/deltas, ridge period,
/// minutiae: see <see cref="FingerPattern"/>); each touch varies as real touches do:
/// <list type="bullet">
/// <item>placement: shift and rotation (<see cref="PlacementOptions"/>), so the window sees a different part;</item>
/// <item>pressure: wider, darker ridges and a larger contact area when pressed harder;</item>
/// <item>dryness: ridges broken into fragments;</item>
/// <item>contrast and sensor noise;</item>
/// <item>the sensor kind (<see cref="SyntheticSensor"/>): optical contrast, or a capacitive frame at the
/// FPC1020 recipe's ADC setting with dry and wet skin and partial contact.</item>
/// </list>
/// Output is in sensor polarity (fact sheet §7, §10): optical ridge centres 10 - 80, valleys 180 - 240;
/// capacitive valleys 208 - 238 with ridges 15 - 70 below them; bare sensor near 255.
/// The master pattern of a finger costs tens of milliseconds and is cached (the most recent
/// <see cref="CacheCapacity"/> fingers); a further touch of a cached finger costs about a millisecond.
/// </summary>
public static class SyntheticFingerprint
{
    /// <summary>Number of finger patterns kept in memory.</summary>
    public const int CacheCapacity = 64;

    private static readonly Dictionary<int, FingerPattern> Cache = new();
    private static readonly Queue<int> CacheOrder = new();
    private static readonly object CacheLock = new();

    /// <summary>
    /// Writes touch <paramref name="touchSeed"/> of finger <paramref name="fingerId"/> into
    /// <paramref name="image"/> (36864 bytes, row-major, 508 dpi). Deterministic for
    /// (fingerId, touchSeed, placement). <paramref name="placement"/> defaults to
    /// <see cref="PlacementOptions.Default"/>.
    /// </summary>
    /// <remarks>Security: the result stands for biometric data; the caller owns and wipes the buffer.</remarks>
    public static void Render(int fingerId, int touchSeed, byte[] image, PlacementOptions? placement = null,
        SyntheticSensor sensor = SyntheticSensor.Optical)
    {
        SensorFrame.RequireFrame(image, nameof(image));
        var options = placement ?? PlacementOptions.Default;
        var fingerKey = KeyOf(fingerId);
        var pattern = PatternOf(fingerId);
        var touch = TouchConditions.Draw(fingerKey, touchSeed, sensor);
        RenderTouch(pattern, Placement.For(fingerKey, touchSeed, options), touch, new SeededRandom(fingerKey, 0x4E4F4953UL ^ (uint)touchSeed), image);
    }

    private static ulong KeyOf(int fingerId) => 0x53594E5448UL ^ ((ulong)(uint)fingerId << 20);

    private static FingerPattern PatternOf(int fingerId)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(fingerId, out var cached))
            {
                return cached;
            }
        }

        var pattern = FingerPattern.Create(KeyOf(fingerId));
        lock (CacheLock)
        {
            if (Cache.TryAdd(fingerId, pattern))
            {
                CacheOrder.Enqueue(fingerId);
                while (CacheOrder.Count > CacheCapacity)
                {
                    Cache.Remove(CacheOrder.Dequeue());
                }
            }
        }

        return pattern;
    }

    private static void RenderTouch(FingerPattern pattern, Placement placement, TouchConditions touch, SeededRandom noise, byte[] image)
    {
        var breaks = new ValueNoise(noise, cellPixels: 5);
        var blotches = new ValueNoise(noise, cellPixels: 48);
        var cos = Math.Cos(placement.RotationRadians);
        var sin = Math.Sin(placement.RotationRadians);
        var originX = FingerPattern.CentreX - placement.ShiftX;
        var originY = FingerPattern.CentreY - placement.ShiftY;
        var halfWidth = pattern.ContactHalfWidth * touch.ContactScale;
        var halfHeight = pattern.ContactHalfHeight * touch.ContactScale;
        var breakThreshold = 1.0 - 0.45 * touch.Dryness;
        const double half = (SensorFrame.Width - 1) / 2.0;
        for (var row = 0; row < SensorFrame.Height; row++)
        {
            for (var column = 0; column < SensorFrame.Width; column++)
            {
                var dx = column - half;
                var dy = row - half;
                var x = originX + cos * dx - sin * dy;
                var y = originY + sin * dx + cos * dy;
                double level;
                var contact = touch.Touches(dx, dy) ? Contact(x, y, halfWidth, halfHeight) : 0;
                if (contact <= 0)
                {
                    level = SensorFrame.Background;
                }
                else
                {
                    // Pressure biases the ridge/valley boundary: harder presses flatten ridges wider.
                    var ridge = Math.Clamp(0.5 + 0.6 * (RidgeAt(pattern, x, y) + touch.RidgeBias), 0, 1);
                    if (breaks.At(column, row) > breakThreshold)
                    {
                        ridge *= 0.15;
                    }

                    ridge *= contact * (touch.BlotchFloor + touch.BlotchDepth * blotches.At(column, row));
                    level = touch.ValleyLevel + (touch.RidgeLevel - touch.ValleyLevel) * ridge;
                }

                level += touch.NoiseSigma * noise.NextGaussian();
                image[row * SensorFrame.Width + column] = (byte)Math.Clamp((int)Math.Round(level), 0, 255);
            }
        }
    }

    // 1 well inside the contact ellipse, falling to 0 over the last few pixels of its rim.
    private static double Contact(double x, double y, double halfWidth, double halfHeight)
    {
        var ex = (x - FingerPattern.CentreX) / halfWidth;
        var ey = (y - FingerPattern.CentreY) / halfHeight;
        var radius = Math.Sqrt(ex * ex + ey * ey);
        return Math.Clamp((1.0 - radius) * 20.0, 0, 1);
    }

    private static double RidgeAt(FingerPattern pattern, double x, double y)
    {
        if (x < 0 || y < 0 || x > FingerPattern.Width - 1 || y > FingerPattern.Height - 1)
        {
            return -1;
        }

        var x0 = Math.Min((int)x, FingerPattern.Width - 2);
        var y0 = Math.Min((int)y, FingerPattern.Height - 2);
        var fx = x - x0;
        var fy = y - y0;
        var r = pattern.Ridges;
        var i = y0 * FingerPattern.Width + x0;
        var top = r[i] + (r[i + 1] - r[i]) * fx;
        var bottom = r[i + FingerPattern.Width] + (r[i + FingerPattern.Width + 1] - r[i + FingerPattern.Width]) * fx;
        return top + (bottom - top) * fy;
    }
}
