using CardFirmware.Crypto;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The argument checks of <see cref="IArithmeticBackend"/>, shared by every implementation so that
    /// each rejects the same inputs the same way, and so that a native call never sees a buffer
    /// shorter than its contract (the native code trusts its lengths).
    /// </summary>
    internal static class BackendArguments
    {
        /// <summary>Most bytes <see cref="IArithmeticBackend.Sha256Expand"/> produces: 256 one-byte counter values.</summary>
        public const int MaxExpandBytes = 256 * 32;

        /// <summary>Checks that [offset, offset + count) lies inside a non-null buffer.</summary>
        public static void Range(byte[] buffer, int offset, int count)
        {
            NotNull(buffer);
            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Checks that a non-null buffer holds exactly count items of itemBytes bytes.</summary>
        public static void Items(byte[] buffer, int itemBytes, int count)
        {
            NotNull(buffer);
            if (count < 0 || (long)buffer.Length != (long)itemBytes * count)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Throws <see cref="CryptoError.NullBuffer"/> for null.</summary>
        public static void NotNull(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }
        }

        /// <summary>
        /// Checks the arguments of <see cref="IArithmeticBackend.ChaCha20Poly1305Seal"/> (outputLength = inputLength + 16)
        /// and <see cref="IArithmeticBackend.ChaCha20Poly1305Open"/> (inputLength at least 16, outputLength = inputLength - 16).
        /// </summary>
        public static void Aead(byte[] key, byte[] nonce, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
        {
            Items(key, 32, 1);
            Items(nonce, 12, 1);
            Range(input, inputOffset, inputLength);
            if (outputLength < 0)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Range(output, outputOffset, outputLength);

            // The ciphers stream byte by byte: in place works, a shifted overlap would read what they wrote.
            if (input == output && inputOffset != outputOffset
                && inputOffset < outputOffset + outputLength && outputOffset < inputOffset + inputLength)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.Sha256Many"/>.</summary>
        public static void Many(byte[] messages, int messageLength, int count, byte[] output)
        {
            if (messageLength < 0)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Items(messages, messageLength, count);
            Items(output, Params.HashBytes, count);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.Sha256Expand"/>.</summary>
        public static void Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length)
        {
            Range(prefix, 0, prefixLength);
            Range(output, outputOffset, length);
            if (length > MaxExpandBytes)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }

        /// <summary>Checks two input scalar vectors and an output vector of count scalars.</summary>
        public static void Vectors(byte[] a, byte[] b, int count, byte[] result)
        {
            Items(a, Params.ScalarBytes, count);
            Items(b, Params.ScalarBytes, count);
            Items(result, Params.ScalarBytes, count);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.ModNInnerProduct"/>.</summary>
        public static void InnerProduct(byte[] g, byte[] a, int count, byte[] result)
        {
            Items(g, Params.ScalarBytes, count);
            Items(a, Params.ScalarBytes, count);
            Items(result, Params.ScalarBytes, 1);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.Gf192MulAccumulate"/>.</summary>
        public static void Gf192(byte[] rows, byte[] challenges, int count, byte[] result)
        {
            Items(rows, Params.RowBytes, count);
            Items(challenges, Params.RowBytes, count);
            Items(result, Params.RowBytes, 1);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleBobStart"/>.</summary>
        public static void BobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int offset, byte[] bobInput)
        {
            Items(seeds0, Params.SeedBytes, Params.OtWidth);
            Items(seeds1, Params.SeedBytes, Params.OtWidth);
            Items(context, Rvole.ContextBytes, 1);
            Items(choices, Params.ColumnBytes, 1);
            Items(work, Rvole.WorkBytes, 1);
            Range(message, offset, Kos.MessageBytes);
            Items(bobInput, Params.ScalarBytes, 1);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleAlice"/>.</summary>
        public static void Alice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int offset, byte[] shares)
        {
            Items(delta, Params.RowBytes, 1);
            Items(seeds, Params.SeedBytes, Params.OtWidth);
            Items(context, Rvole.ContextBytes, 1);
            Range(bobMessage, bobOffset, Kos.MessageBytes);
            Items(inputs, Params.ScalarBytes, Params.VoleColumns);
            Items(work, Rvole.WorkBytes, 1);
            Range(message, offset, Rvole.AliceMessageBytes);
            Items(shares, Params.ScalarBytes, Params.VoleWidth);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleAliceBegin"/>.</summary>
        public static void AliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state)
        {
            Items(delta, Params.RowBytes, 1);
            Items(seeds, Params.SeedBytes, Params.OtWidth);
            Items(context, Rvole.ContextBytes, 1);
            Range(bobMessage, bobOffset, Kos.MessageBytes);
            Items(work, Rvole.WorkBytes, 1);
            Items(state, Rvole.StreamStateBytes, 1);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleAliceRows"/>: a positive multiple of 8 rows, at most a batch.</summary>
        public static void AliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int offset)
        {
            Items(delta, Params.RowBytes, 1);
            Items(context, Rvole.ContextBytes, 1);
            Items(inputs, Params.ScalarBytes, Params.VoleColumns);
            Items(work, Rvole.WorkBytes, 1);
            Items(state, Rvole.StreamStateBytes, 1);
            if (rowCount <= 0 || rowCount > Params.Batch || (rowCount & 7) != 0)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Range(message, offset, rowCount * Rvole.TauRowBytes);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleAliceEnd"/>.</summary>
        public static void AliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int offset, byte[] shares)
        {
            Items(context, Rvole.ContextBytes, 1);
            Items(inputs, Params.ScalarBytes, Params.VoleColumns);
            Items(work, Rvole.WorkBytes, 1);
            Items(state, Rvole.StreamStateBytes, 1);
            Range(output, offset, 2 * Params.ScalarBytes);
            Items(shares, Params.ScalarBytes, Params.VoleWidth);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.RvoleBobFinish"/>.</summary>
        public static void BobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int offset, byte[] work, byte[] shares)
        {
            Items(seeds0, Params.SeedBytes, Params.OtWidth);
            Items(choices, Params.ColumnBytes, 1);
            Items(context, Rvole.ContextBytes, 1);
            Range(aliceMessage, offset, Rvole.AliceMessageBytes);
            Items(work, Rvole.WorkBytes, 1);
            Items(shares, Params.ScalarBytes, Params.VoleWidth);
        }

        /// <summary>Checks the arguments of <see cref="IArithmeticBackend.TransposeColumnsToRows"/>.</summary>
        public static void Transpose(byte[] columns, byte[] rows)
        {
            Items(columns, Params.ColumnBytes, Params.OtWidth);
            Items(rows, Params.RowBytes, Params.ExtendedBatch);
        }
    }
}
