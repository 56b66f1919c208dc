using CardFirmware.Crypto;

namespace CardFirmware.Channel.Noise
{
    /// <summary>BOLT #8's two-output HKDF: (first, second) = HKDF-SHA256(salt, ikm, info = empty, 64 bytes).</summary>
    internal static class KeyDerivation
    {
        /// <summary>
        /// Writes the first and second 32 bytes of HKDF(salt, ikm). <paramref name="first"/> may be
        /// the same array as <paramref name="salt"/>, and <paramref name="second"/> the same as <paramref name="ikm"/>.
        /// </summary>
        /// <remarks>Security: the intermediate PRK and output are wiped before returning.</remarks>
        internal static void Derive(byte[] salt, byte[] ikm, byte[] first, byte[] second)
        {
            byte[] prk = new byte[Hkdf.PrkSize];
            byte[] okm = new byte[2 * NoiseConstants.KeySize];
            try
            {
                Hkdf.Extract(salt, ikm, 0, ikm.Length, prk);
                Hkdf.Expand(prk, null, okm, 0, okm.Length);
                System.Array.Copy(okm, 0, first, 0, NoiseConstants.KeySize);
                System.Array.Copy(okm, NoiseConstants.KeySize, second, 0, NoiseConstants.KeySize);
            }
            finally
            {
                Wipe.Bytes(prk);
                Wipe.Bytes(okm);
            }
        }
    }
}
