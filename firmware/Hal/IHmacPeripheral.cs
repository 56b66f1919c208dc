namespace CardFirmware.Hal
{
    /// <summary>
    /// The ESP32-S3 HMAC accelerator in upstream mode (ESP32-S3 Technical Reference Manual,
    /// chapter "HMAC Accelerator (HMAC)"): the key is an eFuse key block whose key purpose is
    /// HMAC_UP (purpose value 8, chapter "eFuse Controller (eFuse)", key purpose table), burned at
    /// the factory with its read-disable (RD_DIS) and write-disable bits set, so that software,
    /// a debugger and a flash dump never see it. Firmware hands the peripheral a message and gets
    /// HMAC-SHA256(eFuse key, message) back (ESP-IDF <c>esp_hmac_calculate</c>); nothing else.
    /// </summary>
    /// <remarks>
    /// Security: this is the card's only hardware-bound secret. Every key the card keeps at rest is
    /// derived through it, so a flash image alone opens nothing and cannot be brute-forced off the
    /// card. The output is as secret as what it keys: callers wipe it after use.
    /// </remarks>
    public interface IHmacPeripheral
    {
        /// <summary>
        /// Writes HMAC-SHA256(eFuse key, <paramref name="count"/> bytes of <paramref name="message"/>
        /// from <paramref name="offset"/>) into 32 bytes of <paramref name="mac"/> at <paramref name="macOffset"/>.
        /// </summary>
        void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset);
    }
}
