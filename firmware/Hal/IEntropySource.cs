namespace CardFirmware.Hal
{
    /// <summary>
    /// The hardware random number generator (ESP32 RNG fed by RF noise). Its output seeds the
    /// card's DRBG; it is never used directly as key material.
    /// </summary>
    public interface IEntropySource
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void GetBytes(byte[] buffer, int offset, int count);
    }
}
