namespace CardFirmware.Crypto
{
    /// <summary>
    /// Branch-free comparisons and selections for secret data. Masks are all-ones
    /// (0xFFFFFFFF) for true and zero for false, so they can drive selections without branches.
    /// </summary>
    /// <remarks>
    /// Security: every method runs in time that depends only on the lengths passed, never on
    /// the contents. Range checks on public lengths happen before the data loop.
    /// </remarks>
    public static class ConstantTime
    {
        /// <summary>
        /// True when the <paramref name="length"/> bytes at a[aOffset..] and b[bOffset..] are equal.
        /// Differences are accumulated over the whole range (no early exit), and the result also
        /// requires that the loop ran to the end, so a skipped loop cannot read as "equal".
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if a range is outside its buffer.</exception>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            Guard.Range(a, aOffset, length);
            Guard.Range(b, bOffset, length);
            int difference = 0;
            int i = 0;
            for (; i < length; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return (difference == 0) & (i == length);
        }

        /// <summary>True when all <paramref name="length"/> bytes at buffer[offset..] are zero.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if the range is outside the buffer.</exception>
        public static bool IsZero(byte[] buffer, int offset, int length)
        {
            Guard.Range(buffer, offset, length);
            int accumulated = 0;
            int i = 0;
            for (; i < length; i++)
            {
                accumulated |= buffer[offset + i];
            }

            return (accumulated == 0) & (i == length);
        }

        /// <summary>All-ones when <paramref name="value"/> is zero, else zero.</summary>
        public static uint IsZeroMask(uint value)
        {
            // (value | -value) has its top bit set exactly when value != 0.
            return ((value | (0u - value)) >> 31) - 1u;
        }

        /// <summary>All-ones when <paramref name="a"/> equals <paramref name="b"/>, else zero.</summary>
        public static uint EqualMask(uint a, uint b)
        {
            return IsZeroMask(a ^ b);
        }

        /// <summary>All-ones when <paramref name="a"/> &lt; <paramref name="b"/> (unsigned), else zero.</summary>
        public static uint LessThanMask(uint a, uint b)
        {
            // Borrow out of a - b, computed in 64 bits so no carry is lost.
            return (uint)(0ul - (((ulong)a - b) >> 63));
        }

        /// <summary>All-ones for <paramref name="bit"/> = 1, zero for 0 (only the lowest bit is used).</summary>
        public static uint MaskFromBit(uint bit)
        {
            return 0u - (bit & 1u);
        }

        /// <summary>Returns <paramref name="a"/> when <paramref name="mask"/> is all-ones, <paramref name="b"/> when it is zero.</summary>
        public static uint Select(uint mask, uint a, uint b)
        {
            return b ^ (mask & (a ^ b));
        }

        /// <summary>
        /// Copies <paramref name="length"/> bytes from source to destination when
        /// <paramref name="mask"/> is all-ones and leaves destination unchanged when it is zero;
        /// every byte is read and written either way.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if a range is outside its buffer.</exception>
        public static void ConditionalCopy(uint mask, byte[] source, int sourceOffset, byte[] destination, int destinationOffset, int length)
        {
            Guard.Range(source, sourceOffset, length);
            Guard.Range(destination, destinationOffset, length);
            int byteMask = (int)(mask & 0xFF);
            for (int i = 0; i < length; i++)
            {
                int d = destination[destinationOffset + i];
                destination[destinationOffset + i] = (byte)(d ^ (byteMask & (d ^ source[sourceOffset + i])));
            }
        }

        /// <summary>
        /// Swaps the first <paramref name="length"/> words of <paramref name="a"/> and
        /// <paramref name="b"/> when <paramref name="mask"/> is all-ones; touches every word either way.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if length exceeds either array.</exception>
        public static void ConditionalSwap(uint mask, uint[] a, uint[] b, int length)
        {
            if (a == null || b == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (length < 0 || length > a.Length || length > b.Length)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            for (int i = 0; i < length; i++)
            {
                uint t = mask & (a[i] ^ b[i]);
                a[i] ^= t;
                b[i] ^= t;
            }
        }
    }
}
