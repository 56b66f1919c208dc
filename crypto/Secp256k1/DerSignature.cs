namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Strict DER for ECDSA signatures: SEQUENCE { INTEGER r, INTEGER s } (X.690 section 10, and the
    /// Bitcoin BIP-66 rules): short-form lengths only, no trailing bytes, positive minimal integers
    /// (no needless leading zero, no sign bit set), each at most 33 bytes.
    /// </summary>
    /// <remarks>
    /// Invariants: <see cref="Parse"/> accepts exactly the encodings <see cref="Serialize"/> produces
    /// for values below 2^256; range checks against n are the verifier's job. Signatures are public.
    /// </remarks>
    public static class DerSignature
    {
        /// <summary>Largest DER signature: 2 + 2 * (2 + 33).</summary>
        public const int MaxLength = 72;

        /// <summary>
        /// Parses a strict-DER signature into a 64-byte compact r || s (big endian, 32 bytes each).
        /// Returns false for any deviation from strict DER or for integers wider than 256 bits.
        /// </summary>
        public static bool TryParse(byte[] der, byte[] compact)
        {
            if (der == null || compact == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (compact.Length != 64)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            int length = der.Length;
            if (length < 8 || length > MaxLength || der[0] != 0x30 || der[1] != length - 2)
            {
                return false;
            }

            int offset = 2;
            if (!ReadInteger(der, ref offset, compact, 0) || !ReadInteger(der, ref offset, compact, 32))
            {
                return false;
            }

            return offset == length;
        }

        /// <summary>Encodes a 64-byte compact r || s as strict DER (at most 72 bytes).</summary>
        public static byte[] Serialize(byte[] compact)
        {
            if (compact == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (compact.Length != 64)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            int rStart = FirstNonZero(compact, 0);
            int sStart = FirstNonZero(compact, 32);
            int rLength = 32 - rStart + ((compact[rStart] & 0x80) != 0 ? 1 : 0);
            int sLength = 64 - sStart + ((compact[sStart] & 0x80) != 0 ? 1 : 0);
            byte[] der = new byte[6 + rLength + sLength];
            der[0] = 0x30;
            der[1] = (byte)(4 + rLength + sLength);
            int o = WriteInteger(der, 2, compact, rStart, 32 - rStart, rLength);
            WriteInteger(der, o, compact, sStart, 64 - sStart, sLength);
            return der;
        }

        /// <summary>Index of the first non-zero byte of the 32-byte half at start (the last byte when all are zero).</summary>
        private static int FirstNonZero(byte[] compact, int start)
        {
            int i = start;
            while (i < start + 31 && compact[i] == 0)
            {
                i++;
            }

            return i;
        }

        private static int WriteInteger(byte[] der, int offset, byte[] source, int start, int count, int encodedLength)
        {
            der[offset] = 0x02;
            der[offset + 1] = (byte)encodedLength;
            int o = offset + 2;
            if (encodedLength > count)
            {
                der[o++] = 0x00;
            }

            System.Array.Copy(source, start, der, o, count);
            return o + count;
        }

        private static bool ReadInteger(byte[] der, ref int offset, byte[] compact, int target)
        {
            if (offset + 2 > der.Length || der[offset] != 0x02)
            {
                return false;
            }

            int length = der[offset + 1];
            int start = offset + 2;
            if (length == 0 || length > 33 || start + length > der.Length)
            {
                return false;
            }

            // Negative numbers are not allowed; a leading zero only when the next byte has its top bit set.
            if ((der[start] & 0x80) != 0)
            {
                return false;
            }

            if (length > 1 && der[start] == 0x00 && (der[start + 1] & 0x80) == 0)
            {
                return false;
            }

            if (length == 33)
            {
                // Only a sign-padding zero may make it 33 bytes.
                if (der[start] != 0x00)
                {
                    return false;
                }

                start++;
                length--;
            }

            for (int i = 0; i < 32; i++)
            {
                compact[target + i] = 0;
            }

            System.Array.Copy(der, start, compact, target + 32 - length, length);
            offset = start + length;
            return true;
        }
    }
}
