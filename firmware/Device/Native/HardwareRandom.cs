using System.Runtime.CompilerServices;
using CardFirmware.Hal;

namespace CardFirmware.Device.Native
{
    /// <summary>
    /// <see cref="IEntropySource"/> on the ESP32-S3 true random number generator (TRM chapter
    /// "Random Number Generator"): ESP-IDF <c>esp_fill_random</c> through an InternalCall (the API
    /// surface has no RNG; <c>System.Random</c> is a PRNG). Its output is true random while the
    /// radio is on, which it is from boot on the card (the BLE controller starts before the first
    /// key is drawn), and the card only ever uses it to seed its DRBG.
    /// </summary>
    public sealed class HardwareRandom : IEntropySource
    {
        /// <inheritdoc/>
        public void GetBytes(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("buffer");
            }

            NativeFill(buffer, offset, count);
        }

        /// <summary>ESP-IDF <c>esp_fill_random(buffer + offset, count)</c>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeFill(byte[] buffer, int offset, int count);
    }
}
