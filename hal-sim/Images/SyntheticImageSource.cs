namespace CardFirmware.HalSim.Images;

/// <summary>One synthetic finger as a sensor input: touch k is <see cref="SyntheticFingerprint.Render"/>(fingerId, k, placement, profile).</summary>
public sealed class SyntheticImageSource : IImageSource
{
    private readonly PlacementOptions _placement;
    private readonly SyntheticSensor _profile;

    /// <summary>Presents synthetic finger <paramref name="fingerId"/> with the given placement spread, as <paramref name="profile"/> sees it.</summary>
    public SyntheticImageSource(int fingerId, PlacementOptions? placement = null, SyntheticSensor profile = SyntheticSensor.Optical)
    {
        FingerId = fingerId;
        _placement = placement ?? PlacementOptions.Default;
        _profile = profile;
    }

    /// <summary>The finger id whose pattern this source shows.</summary>
    public int FingerId { get; }

    /// <inheritdoc />
    public void Capture(int touchIndex, byte[] image192x192) =>
        SyntheticFingerprint.Render(FingerId, touchIndex, image192x192, _placement, _profile);
}
