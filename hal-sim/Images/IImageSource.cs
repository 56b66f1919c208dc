namespace CardFirmware.HalSim.Images;

/// <summary>
/// Something that produces what the sensor sees when a finger touches it: one full 192 x 192
/// frame per touch (see <see cref="SensorFrame"/> for layout and polarity). A source stands for
/// one finger; <paramref name="touchIndex"/> in <see cref="Capture"/> selects the touch, and the
/// same index always gives the same frame.
/// </summary>
/// <remarks>Security: the frame is biometric data; the caller owns the buffer and wipes it.</remarks>
public interface IImageSource
{
    /// <summary>
    /// Writes touch number <paramref name="touchIndex"/> (0, 1, 2 ...) into
    /// <paramref name="image192x192"/> (exactly <see cref="SensorFrame.Size"/> bytes, row-major).
    /// </summary>
    void Capture(int touchIndex, byte[] image192x192);
}
