namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The secp256k1 operations the channel needs, at the level of the crypto backend (managed or
    /// native). Keys are 32-byte big-endian scalars; points are 33-byte SEC1 compressed encodings.
    /// </summary>
    public interface IChannelCurve
    {
        /// <summary>True if <paramref name="privateKey"/> (32 bytes) is in 1..n-1.</summary>
        /// <remarks>Security: constant time in the key.</remarks>
        bool IsValidPrivateKey(byte[] privateKey);

        /// <summary>Writes the compressed public key of a valid <paramref name="privateKey"/> to <paramref name="publicKey"/> (33 bytes).</summary>
        /// <remarks>Security: constant time in the key.</remarks>
        void PublicKey(byte[] privateKey, byte[] publicKey);

        /// <summary>True if 33 bytes of <paramref name="encoded"/> at <paramref name="offset"/> are a valid compressed point on the curve.</summary>
        bool IsValidPublicKey(byte[] encoded, int offset);

        /// <summary>
        /// Writes the compressed encoding of <paramref name="privateKey"/> times the point at
        /// <paramref name="publicKey"/>[<paramref name="offset"/>..+33) to <paramref name="sharedPoint"/> (33 bytes).
        /// Returns false (and writes nothing) if the point is invalid.
        /// </summary>
        /// <remarks>Security: constant time in the private key.</remarks>
        bool Multiply(byte[] privateKey, byte[] publicKey, int offset, byte[] sharedPoint);
    }
}
