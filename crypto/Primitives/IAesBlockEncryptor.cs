namespace CardFirmware.Crypto
{
    /// <summary>
    /// AES forward block encryption under one expanded key (FIPS 197), in ECB fashion: each
    /// 16-byte block is encrypted independently. Modes (CTR, OT-extension PRGs) are built on top.
    /// </summary>
    /// <remarks>Security: <see cref="System.IDisposable.Dispose"/> wipes the key schedule.</remarks>
    public interface IAesBlockEncryptor : System.IDisposable
    {
        /// <summary>
        /// Encrypts count bytes (a multiple of 16) from input[inputOffset..] into output[outputOffset..].
        /// In-place use with the same buffer and offset is allowed.
        /// </summary>
        void EncryptBlocks(byte[] input, int inputOffset, int count, byte[] output, int outputOffset);
    }
}
