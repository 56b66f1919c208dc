namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// BIP-340 tagged hashes: SHA256(SHA256(tag) || SHA256(tag) || data), with the tag's ASCII bytes.
    /// </summary>
    internal static class TaggedHash
    {
        /// <summary>The 64-byte prefix SHA256(tag) || SHA256(tag) for an ASCII tag.</summary>
        public static byte[] Prefix(string tag)
        {
            byte[] ascii = Ascii.Bytes(tag);
            byte[] prefix = new byte[64];
            Sha256.Hash(ascii, 0, ascii.Length, prefix, 0);
            System.Array.Copy(prefix, 0, prefix, 32, 32);
            return prefix;
        }

        /// <summary>Tagged hash of the concatenation of up to three parts (null parts are skipped).</summary>
        public static void Compute(byte[] prefix, byte[] a, byte[] b, byte[] c, byte[] output)
        {
            Sha256 sha = new Sha256();
            sha.Update(prefix, 0, 64);
            if (a != null)
            {
                sha.Update(a, 0, a.Length);
            }

            if (b != null)
            {
                sha.Update(b, 0, b.Length);
            }

            if (c != null)
            {
                sha.Update(c, 0, c.Length);
            }

            sha.Final(output, 0);
        }
    }
}
