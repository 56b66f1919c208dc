namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// The skin side of a simulated fingerprint sensor: a test, the simulator front end or an
/// <see cref="Images.IImageSource"/> driver says when a finger lies on the sensor and what it
/// looks like there.
/// </summary>
public interface IFingerContact
{
    /// <summary>
    /// A finger touches the sensor from now on and shows <paramref name="image192x192"/>
    /// (36864 bytes, row-major, sensor polarity: ridges dark). The array is copied.
    /// </summary>
    void PlaceFinger(byte[] image192x192);

    /// <summary>The finger leaves the sensor; the copy of its image is wiped.</summary>
    void LiftFinger();

    /// <summary>True while a finger is on the sensor.</summary>
    bool FingerPresent { get; }
}
