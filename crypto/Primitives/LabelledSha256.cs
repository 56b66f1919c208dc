namespace CardFirmware.Crypto
{
    /// <summary>
    /// SHA-256 over an ASCII domain label followed by the data: SHA-256(label | data). The label keeps a
    /// signature or key made for one purpose from being valid for another (certificates, update
    /// manifests, attestation answers are all signed with secp256k1 keys).
    /// </summary>
    public static class LabelledSha256
    {
        /// <summary>A hash already holding <paramref name="label"/>; the caller adds the data and finalizes.</summary>
        public static Sha256 Start(byte[] label)
        {
            Sha256 sha = new Sha256();
            sha.Update(label, 0, label.Length);
            return sha;
        }

        /// <summary>SHA-256(label | data[offset..offset+count)), 32 bytes.</summary>
        public static byte[] Of(byte[] label, byte[] data, int offset, int count)
        {
            Sha256 sha = Start(label);
            sha.Update(data, offset, count);
            return Finish(sha);
        }

        /// <summary>The 32-byte digest of <paramref name="sha"/>.</summary>
        public static byte[] Finish(Sha256 sha)
        {
            byte[] hash = new byte[32];
            sha.Final(hash, 0);
            return hash;
        }
    }
}
