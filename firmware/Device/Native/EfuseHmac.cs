using System.Runtime.CompilerServices;
using CardFirmware.Hal;

namespace CardFirmware.Device.Native
{
    /// <summary>
    /// <see cref="IHmacPeripheral"/> on the ESP32-S3 HMAC accelerator in upstream mode, keyed by the
    /// eFuse key block burned with purpose HMAC_UP at provisioning (<see cref="KeyBlock"/>; README.md,
    /// "Provisioning"). nanoFramework.Hardware.Esp32 has no HMAC API, so this is an InternalCall
    /// into ESP-IDF's <c>esp_hmac_calculate(HMAC_KEY5, message, length, mac)</c> (README.md,
    /// "Native glue"); the key never leaves the peripheral.
    /// </summary>
    /// <remarks>Security: the output is secret; callers wipe it (firmware/Card/Identity/DeviceKeys.cs).</remarks>
    public sealed class EfuseHmac : IHmacPeripheral
    {
        /// <summary>The eFuse key block holding the HMAC_UP key: BLOCK_KEY5 (ESP-IDF <c>HMAC_KEY5</c>).</summary>
        public const int KeyBlock = 5;

        private const int MacSize = 32;

        /// <inheritdoc/>
        public void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            if (message == null || mac == null || offset < 0 || count < 0 || offset > message.Length - count
                || macOffset < 0 || macOffset > mac.Length - MacSize)
            {
                throw new System.ArgumentOutOfRangeException("message");
            }

            int result = NativeCompute(KeyBlock, message, offset, count, mac, macOffset);
            if (result != 0)
            {
                // ESP_FAIL: the key block is not burned with purpose HMAC_UP. Without it the card
                // must not run with any other key.
                throw new System.InvalidOperationException("eFuse HMAC key");
            }
        }

        /// <summary>ESP-IDF <c>esp_hmac_calculate</c>; returns its <c>esp_err_t</c> (0 = ESP_OK).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCompute(int keyBlock, byte[] message, int offset, int count, byte[] mac, int macOffset);
    }
}
