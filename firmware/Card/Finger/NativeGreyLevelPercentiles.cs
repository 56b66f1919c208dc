using CardFirmware.Crypto.Native;
using CardFirmware.Drivers.Fpc1020;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The sensor driver's grey-level percentiles (<see cref="AdcCalibration"/>) in the native module
    /// (cffinger.h cf_finger_percentiles): one module call a frame instead of about 626,000 IL. The same
    /// levels as the driver's <see cref="ManagedGreyLevelPercentiles"/> (tests/Native.Tests holds them to it);
    /// handed to the driver by the card when its image kernels are native, as the biometric kernels are.
    /// </summary>
    /// <remarks>Security: the module keeps nothing and wipes its histogram (cffinger.h).</remarks>
    public sealed class NativeGreyLevelPercentiles : IGreyLevelPercentiles
    {
        private readonly INativeModule _module;

        /// <summary>Percentiles over <paramref name="module"/> (the card's interop module, or the desktop's P/Invoke one).</summary>
        /// <exception cref="System.ArgumentNullException">When <paramref name="module"/> is null.</exception>
        public NativeGreyLevelPercentiles(INativeModule module)
        {
            if (module == null)
            {
                throw new System.ArgumentNullException("module");
            }

            _module = module;
        }

        /// <inheritdoc/>
        /// <remarks><paramref name="image"/> may be the module's resident frame (<see cref="ResidentFrame.Handle"/>, a <see cref="NativeFrameStore"/>'s pixels).</remarks>
        /// <exception cref="System.ArgumentOutOfRangeException">When the module refuses the ranges (count beyond the image, more than 16 ranks, levels not as long as ranks).</exception>
        public void Levels(byte[] image, int count, int[] ranks, int[] levels)
        {
            if (image == null || ranks == null || levels == null || count < 0
                || count > (ResidentFrame.Is(image) ? Fpc1020Sensor.ImageSize : image.Length) || ranks.Length > 16
                || levels.Length != ranks.Length || _module.FingerPercentiles(image, count, ranks, levels) != 0)
            {
                throw new System.ArgumentOutOfRangeException("ranks");
            }
        }
    }
}
