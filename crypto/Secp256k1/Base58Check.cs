namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Base58Check (Bitcoin): payload || first 4 bytes of SHA256(SHA256(payload)), written in the
    /// alphabet 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz, leading zero bytes as '1'.
    /// Text is handled as ASCII bytes (byte[]), never as string, so that an encoded private key can be wiped.
    /// </summary>
    /// <remarks>
    /// Security: the base conversion branches on the number of leading zero bytes and on the length,
    /// which are the same for every key of a format (78-byte BIP-32 payloads); digit values are
    /// looked up in a 58/128-entry table, which is a secret-indexed load when the payload is a
    /// private key: acceptable for export to the owner's screen, not for use in a signing loop.
    /// </remarks>
    public static class Base58Check
    {
        private static readonly byte[] Alphabet = Ascii.Bytes("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

        /// <summary>Encodes payload with its 4-byte checksum; returns the ASCII characters.</summary>
        public static byte[] Encode(byte[] payload)
        {
            if (payload == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            byte[] data = new byte[payload.Length + 4];
            System.Array.Copy(payload, 0, data, 0, payload.Length);
            byte[] check = DoubleSha256(payload, payload.Length);
            System.Array.Copy(check, 0, data, payload.Length, 4);

            int zeros = 0;
            while (zeros < data.Length && data[zeros] == 0)
            {
                zeros++;
            }

            // Base-58 digits, least significant first; log(256)/log(58) < 1.37.
            byte[] digits = new byte[(data.Length * 138 / 100) + 1];
            int used = 0;
            for (int i = zeros; i < data.Length; i++)
            {
                int carry = data[i];
                for (int j = 0; j < used; j++)
                {
                    carry += digits[j] << 8;
                    digits[j] = (byte)(carry % 58);
                    carry /= 58;
                }

                while (carry > 0)
                {
                    digits[used++] = (byte)(carry % 58);
                    carry /= 58;
                }
            }

            byte[] text = new byte[zeros + used];
            for (int i = 0; i < zeros; i++)
            {
                text[i] = (byte)'1';
            }

            for (int i = 0; i < used; i++)
            {
                text[zeros + i] = Alphabet[digits[used - 1 - i]];
            }

            Wipe.Bytes(data);
            Wipe.Bytes(digits);
            return text;
        }

        /// <summary>
        /// Decodes ASCII Base58Check text and returns the payload (checksum removed). Throws
        /// InvalidEncoding for a character outside the alphabet, a too-short input or a bad checksum.
        /// </summary>
        public static byte[] Decode(byte[] text)
        {
            if (text == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            int zeros = 0;
            while (zeros < text.Length && text[zeros] == (byte)'1')
            {
                zeros++;
            }

            byte[] bytes = new byte[text.Length];
            int used = 0;
            for (int i = zeros; i < text.Length; i++)
            {
                int carry = DigitValue(text[i]);
                for (int j = 0; j < used; j++)
                {
                    carry += bytes[j] * 58;
                    bytes[j] = (byte)carry;
                    carry >>= 8;
                }

                while (carry > 0)
                {
                    bytes[used++] = (byte)carry;
                    carry >>= 8;
                }
            }

            int total = zeros + used;
            if (total < 4)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            byte[] data = new byte[total];
            for (int i = 0; i < used; i++)
            {
                data[zeros + i] = bytes[used - 1 - i];
            }

            byte[] payload = new byte[total - 4];
            System.Array.Copy(data, 0, payload, 0, payload.Length);
            byte[] check = DoubleSha256(payload, payload.Length);
            bool ok = ConstantTime.AreEqual(check, 0, data, payload.Length, 4);
            Wipe.Bytes(bytes);
            Wipe.Bytes(data);
            if (!ok)
            {
                Wipe.Bytes(payload);
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            return payload;
        }

        private static int DigitValue(byte c)
        {
            for (int i = 0; i < Alphabet.Length; i++)
            {
                if (Alphabet[i] == c)
                {
                    return i;
                }
            }

            throw new CryptoException(CryptoError.InvalidEncoding);
        }

        private static byte[] DoubleSha256(byte[] data, int count)
        {
            byte[] first = new byte[32];
            Sha256.Hash(data, 0, count, first, 0);
            byte[] second = new byte[32];
            Sha256.Hash(first, 0, 32, second, 0);
            return second;
        }
    }
}
