namespace CardFirmware.Crypto
{
    /// <summary>
    /// The hot symmetric operations that a card may run natively: hashing, HMAC and AES block
    /// encryption. Protocol code calls these through the interface so that a card image can bind
    /// nanoFramework's native <c>HMACSHA256</c>, <c>HMACSHA512</c> and <c>Aes</c> (ECB) behind it,
    /// while desktop tests and the simulator use <see cref="ManagedCryptoProvider"/>, the reference.
    /// </summary>
    /// <remarks>
    /// The shapes follow what the native classes can do in one call: nanoFramework's
    /// <c>HMACSHA256.HashData(byte[] key, byte[] data)</c> returns a new array, so a binding copies
    /// the data range in and the tag out; <c>Aes(CipherMode.ECB)</c> with its <c>Key</c> set encrypts
    /// whole 16-byte blocks with <c>Encrypt(byte[])</c>. nanoFramework has no plain SHA-256/512 class, so a
    /// binding forwards <see cref="Sha256"/> and <see cref="Sha512"/> to the managed code.
    /// Every implementation must answer the same test vectors.
    /// </remarks>
    public interface ICryptoProvider
    {
        /// <summary>Writes SHA-256(data[offset..offset+count)) (32 bytes) to output at outputOffset.</summary>
        void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>Writes SHA-512(data[offset..offset+count)) (64 bytes) to output at outputOffset.</summary>
        void Sha512(byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>Writes HMAC-SHA256(key, data[offset..offset+count)) (32 bytes) to output at outputOffset.</summary>
        void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>Writes HMAC-SHA512(key, data[offset..offset+count)) (64 bytes) to output at outputOffset.</summary>
        void HmacSha512(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// Expands a 16-, 24- or 32-byte AES key once and returns an encryptor for whole blocks.
        /// The key is copied; the caller disposes the encryptor to wipe the schedule.
        /// </summary>
        IAesBlockEncryptor CreateAesEncryptor(byte[] key);
    }
}
