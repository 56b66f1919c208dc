using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// One finger of an FVC folder seen whole, as a grid of sensor-sized windows per impression: touch
/// <c>impression * Count + w</c> is window w of that impression, upright and unshifted (no card placement,
/// no jitter), resampled to the sensor's 508 dpi as the card's window is. Adjacent windows start at most
/// <see cref="MaxStride"/> sensor pixels apart, so every triangle the encoder codes (sides shorter than
/// <see cref="TripletEncoder.MaxSide"/> = 100 px) lies wholly inside at least one window, away from the
/// window's edge where the extractor finds no minutiae (<see cref="MinutiaExtractor.FrameMargin"/>) and
/// the block segmentation is least sure (one block): the union of the windows' codes is the code set
/// of the whole image as the card's per-window pipeline sees it.
/// </summary>
/// <remarks>Security: frames are real biometrics; the caller owns and wipes the buffer.</remarks>
internal sealed class FullImageWindows : IImageSource
{
    /// <summary>Largest step between neighbouring windows (56 px): the sensor's side less the longest coded triangle side and the edge margins.</summary>
    public const int MaxStride = SensorFrame.Width - TripletEncoder.MaxSide - (2 * (MinutiaExtractor.FrameMargin + FrameGeometry.BlockSide));

    private readonly FvcDataset _dataset;
    private readonly IReadOnlyList<int> _impressions;
    private readonly double[] _columns;
    private readonly double[] _rows;

    /// <summary>The windows of <paramref name="finger"/>, laid out on the size of its first readable impression.</summary>
    public FullImageWindows(FvcDataset dataset, int finger)
    {
        _dataset = dataset;
        _impressions = dataset.ImpressionsOf(finger);
        Finger = finger;
        var (width, height) = SizeOf(dataset, finger, _impressions);
        var scale = dataset.Dpi / SensorFrame.Dpi;
        _columns = Starts(width / scale);
        _rows = Starts(height / scale);
    }

    /// <summary>The finger number in the folder.</summary>
    public int Finger { get; }

    /// <summary>Impressions of the finger.</summary>
    public int Impressions => _impressions.Count;

    /// <summary>Windows per impression.</summary>
    public int Count => _columns.Length * _rows.Length;

    /// <inheritdoc />
    public void Capture(int touchIndex, byte[] image192x192)
    {
        var impression = _impressions[touchIndex / Count];
        var window = touchIndex % Count;
        var source = ImageFile.Read(_dataset.PathOf(Finger, impression), _dataset.Dpi);
        var scale = source.Dpi / SensorFrame.Dpi;
        const double half = (SensorFrame.Width - 1) / 2.0;
        var centreX = (_columns[window % _columns.Length] + half) * scale;
        var centreY = (_rows[window / _columns.Length] + half) * scale;
        SensorWindow.Sample(source, centreX, centreY, new Placement(0, 0, 0), image192x192);
    }

    // Left (or top) edges, in sensor pixels, of windows covering `extent` pixels at steps of at most MaxStride;
    // an image narrower than the sensor gets one window centred on it.
    private static double[] Starts(double extent)
    {
        var span = extent - SensorFrame.Width;
        if (span <= 0)
        {
            return [span / 2];
        }

        var steps = (int)Math.Ceiling(span / MaxStride);
        return Enumerable.Range(0, steps + 1).Select(i => span * i / steps).ToArray();
    }

    // Every impression of a finger in FVC layout has the folder's image size; an unreadable file is skipped here
    // (its touch is a failure to acquire), and a finger with none readable gets the sensor's size.
    private static (int Width, int Height) SizeOf(FvcDataset dataset, int finger, IReadOnlyList<int> impressions)
    {
        foreach (var impression in impressions)
        {
            try
            {
                var image = dataset.Load(finger, impression);
                return (image.Width, image.Height);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
            }
        }

        return (SensorFrame.Width, SensorFrame.Height);
    }
}
