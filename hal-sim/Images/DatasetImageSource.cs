namespace CardFirmware.HalSim.Images;

/// <summary>
/// One finger of an <see cref="FvcDataset"/> as a sensor input. Touch k shows impression
/// number (k mod count) of the finger, placed per <see cref="PlacementOptions"/>; the placement is a
/// function of the file name and k only, so a run is reproducible on any machine.
/// </summary>
/// <remarks>Security: frames are real biometrics; the caller owns and wipes the buffer.</remarks>
public sealed class DatasetImageSource : IImageSource
{
    private readonly FvcDataset _dataset;
    private readonly PlacementOptions _placement;
    private readonly IReadOnlyList<int> _impressions;

    /// <summary>Presents <paramref name="finger"/> of <paramref name="dataset"/>.</summary>
    public DatasetImageSource(FvcDataset dataset, int finger, PlacementOptions placement)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(placement);
        _dataset = dataset;
        _placement = placement;
        Finger = finger;
        _impressions = dataset.ImpressionsOf(finger);
    }

    /// <summary>The finger number in the dataset.</summary>
    public int Finger { get; }

    /// <summary>The impression number that touch <paramref name="touchIndex"/> shows.</summary>
    public int ImpressionFor(int touchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(touchIndex);
        return _impressions[touchIndex % _impressions.Count];
    }

    /// <inheritdoc />
    public void Capture(int touchIndex, byte[] image192x192) =>
        Render(_dataset.PathOf(Finger, ImpressionFor(touchIndex)), _dataset.Dpi, touchIndex, _placement, image192x192);

    /// <summary>
    /// Renders the sensor's view of the image file at <paramref name="path"/> for touch seed
    /// <paramref name="touchSeed"/>: deterministic for a given (file name, seed, options).
    /// </summary>
    public static void Render(string path, double dpi, int touchSeed, PlacementOptions placement, byte[] image192x192)
    {
        SensorFrame.RequireFrame(image192x192, nameof(image192x192));
        var source = ImageFile.Read(path, dpi);
        var (centreX, centreY) = FingerArea.Centre(source);
        var key = SeededRandom.HashOf(Path.GetFileName(path));
        SensorWindow.Sample(source, centreX, centreY, Placement.For(key, touchSeed, placement), image192x192);
    }
}
