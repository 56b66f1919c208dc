namespace CardFirmware.HalSim.Images;

/// <summary>One synthetic finger as a sensor input: touch k is <see cref="SyntheticFingerprint.Render"/>(fingerId, k).</summary>
public sealed class SyntheticImageSource : IImageSource
{
    private readonly PlacementOptions _placement;

    /// <summary>Presents synthetic finger <paramref name="fingerId"/> with the given placement spread.</summary>
    public SyntheticImageSource(int fingerId, PlacementOptions? placement = null)
    {
        FingerId = fingerId;
        _placement = placement ?? PlacementOptions.Default;
    }

    /// <summary>The finger id whose pattern this source shows.</summary>
    public int FingerId { get; }

    /// <inheritdoc />
    public void Capture(int touchIndex, byte[] image192x192) =>
        SyntheticFingerprint.Render(FingerId, touchIndex, image192x192, _placement);
}
