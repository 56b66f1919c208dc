namespace CardFirmware.Crypto
{
    /// <summary>
    /// Up-front argument checks shared by the primitives, so that bad lengths and offsets surface
    /// as <see cref="CryptoException"/> before any state is touched, never as an index error deep
    /// inside a compression function.
    /// </summary>
    internal static class Guard
    {
        /// <summary>Throws <see cref="CryptoError.NullBuffer"/> if <paramref name="buffer"/> is null.</summary>
        internal static void NotNull(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }
        }

        /// <summary>
        /// Checks that <paramref name="buffer"/> is non-null and that [offset, offset + count) lies
        /// inside it. Written to avoid integer overflow for large offsets and counts.
        /// </summary>
        internal static void Range(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Checks that <paramref name="buffer"/> is non-null and exactly <paramref name="length"/> bytes.</summary>
        internal static void Exact(byte[] buffer, int length)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (buffer.Length != length)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }
    }
}
