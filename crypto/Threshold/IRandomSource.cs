namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Source of uniformly random bytes for the protocol parties (the card's entropy source
    /// behind a DRBG, or the operating system's generator on the phone and in tests).
    /// </summary>
    /// <remarks>Security: must be a cryptographically secure generator; every nonce, polynomial
    /// coefficient, OT choice and commitment opening comes from it.</remarks>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void Fill(byte[] buffer, int offset, int count);
    }
}
