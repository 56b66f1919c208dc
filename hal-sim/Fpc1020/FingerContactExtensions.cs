using CardFirmware.HalSim.Images;

namespace CardFirmware.HalSim.Fpc1020;

/// <summary>Puts touches from an <see cref="IImageSource"/> on a simulated sensor.</summary>
public static class FingerContactExtensions
{
    /// <summary>
    /// Places touch <paramref name="touchIndex"/> of <paramref name="source"/> on the sensor now.
    /// The intermediate frame is wiped once the sensor has its copy.
    /// </summary>
    public static void PlaceTouch(this IFingerContact contact, IImageSource source, int touchIndex)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        var frame = new byte[SensorFrame.Size];
        try
        {
            source.Capture(touchIndex, frame);
            contact.PlaceFinger(frame);
        }
        finally
        {
            Array.Clear(frame);
        }
    }
}
