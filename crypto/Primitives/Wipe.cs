namespace CardFirmware.Crypto
{
    /// <summary>
    /// The one place where secret and biometric buffers are zeroed. Every holder of key material,
    /// nonces, images or features calls it in a finally block, so that the wipe discipline can be
    /// checked by looking for this single helper.
    /// </summary>
    public static class Wipe
    {
        /// <summary>Zeroes all of <paramref name="buffer"/>; a null buffer is ignored.</summary>
        public static void Bytes(byte[] buffer)
        {
            if (buffer != null)
            {
                System.Array.Clear(buffer, 0, buffer.Length);
            }
        }

        /// <summary>
        /// Zeroes the <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/> (a region read in
        /// place, such as a message in a receive buffer); a null buffer is ignored.
        /// </summary>
        public static void Range(byte[] buffer, int offset, int count)
        {
            if (buffer != null)
            {
                System.Array.Clear(buffer, offset, count);
            }
        }

        /// <summary>Zeroes all of <paramref name="words"/>; a null buffer is ignored.</summary>
        public static void Words(uint[] words)
        {
            if (words != null)
            {
                System.Array.Clear(words, 0, words.Length);
            }
        }

        /// <summary>Zeroes all of <paramref name="words"/>; a null buffer is ignored.</summary>
        public static void Longs(ulong[] words)
        {
            if (words != null)
            {
                System.Array.Clear(words, 0, words.Length);
            }
        }

        /// <summary>Zeroes all of <paramref name="values"/>; a null buffer is ignored.</summary>
        public static void Ints(int[] values)
        {
            if (values != null)
            {
                System.Array.Clear(values, 0, values.Length);
            }
        }
    }
}
