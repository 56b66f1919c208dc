namespace CardFirmware.Crypto
{
    /// <summary><see cref="IHmacSha256"/> on the managed <see cref="CardFirmware.Crypto.HmacSha256"/>: the reference.</summary>
    public sealed class ManagedHmacSha256 : IHmacSha256
    {
        /// <summary>The one instance (stateless).</summary>
        public static readonly ManagedHmacSha256 Instance = new ManagedHmacSha256();

        private ManagedHmacSha256()
        {
        }

        /// <inheritdoc/>
        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            CardFirmware.Crypto.HmacSha256.Compute(key, data, offset, count, output, outputOffset);
        }
    }
}
