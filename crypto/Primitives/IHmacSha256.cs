namespace CardFirmware.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) in one call: what <see cref="HmacDrbg"/> needs from whoever computes it, so
    /// that a card's random streams run on its arithmetic backend (the native module) rather than on
    /// interpreted SHA-256. Without one, <see cref="HmacDrbg"/> streams the managed <see cref="CardFirmware.Crypto.HmacSha256"/>.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes HMAC-SHA256(key, data[offset..offset+count)) (32 bytes) to output at outputOffset.</summary>
        /// <remarks>Security: constant time in key and data.</remarks>
        void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);
    }
}
