namespace CardFirmware.Crypto
{
    /// <summary>
    /// <see cref="ICryptoProvider"/> over the managed primitives of this project: the reference
    /// implementation, used on desktop, in the simulator, and on a card without native bindings.
    /// </summary>
    public sealed class ManagedCryptoProvider : ICryptoProvider
    {
        /// <summary>The shared stateless instance.</summary>
        public static readonly ManagedCryptoProvider Instance = new ManagedCryptoProvider();

        private ManagedCryptoProvider()
        {
        }

        /// <inheritdoc/>
        public void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CardFirmware.Crypto.Sha256.Hash(data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void Sha512(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CardFirmware.Crypto.Sha512.Hash(data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CardFirmware.Crypto.HmacSha256.Compute(key, data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void HmacSha512(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CardFirmware.Crypto.HmacSha512.Compute(key, data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public IAesBlockEncryptor CreateAesEncryptor(byte[] key)
        {
            return new AesEncryptor(key);
        }
    }
}
