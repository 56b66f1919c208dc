using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// The manifest of a firmware update image, <see cref="Size"/> bytes:
    /// <code>
    ///   0..3     version (uint32, big-endian; must exceed the card's version counter)
    ///   4..7     image length in bytes (uint32, big-endian)
    ///   8..39    SHA-256 of the image
    ///   40..103  vendor ECDSA signature r | s (64, low s) over SHA-256("CardFirmware/update/1" | bytes 0..39)
    /// </code>
    /// Signed by the vendor root the card pins (<see cref="CardConfig.VendorRootPublicKey"/>).
    /// </summary>
    public sealed class UpdateManifest
    {
        private static readonly byte[] ManifestLabel = Ascii.Bytes("CardFirmware/update/1");

        /// <summary>Length of a manifest.</summary>
        public const int Size = 104;

        private const int SignedLength = 40;

        private UpdateManifest(int version, int length, byte[] hash)
        {
            Version = version;
            Length = length;
            ImageHash = hash;
        }

        /// <summary>The image's version.</summary>
        public int Version { get; private set; }

        /// <summary>The image's length in bytes.</summary>
        public int Length { get; private set; }

        /// <summary>SHA-256 of the image (32 bytes).</summary>
        public byte[] ImageHash { get; private set; }

        /// <summary>
        /// The manifest at <paramref name="offset"/> if it is <see cref="Size"/> bytes and its
        /// signature verifies under <paramref name="root"/>; null otherwise. Public data only.
        /// </summary>
        public static UpdateManifest ParseSigned(byte[] buffer, int offset, int length, byte[] root)
        {
            if (length != Size || root == null)
            {
                return null;
            }

            int version = ReadInt(buffer, offset);
            int imageLength = ReadInt(buffer, offset + 4);
            if (version <= 0 || imageLength <= 0)
            {
                return null;
            }

            byte[] signature = new byte[64];
            System.Array.Copy(buffer, offset + SignedLength, signature, 0, 64);
            bool valid;
            try
            {
                valid = Ecdsa.Managed.Verify(root, SignedHash(buffer, offset), signature, true);
            }
            catch (CryptoException)
            {
                valid = false;
            }

            if (!valid)
            {
                return null;
            }

            byte[] hash = new byte[32];
            System.Array.Copy(buffer, offset + 8, hash, 0, 32);
            return new UpdateManifest(version, imageLength, hash);
        }

        /// <summary>The hash the vendor signs: SHA-256("CardFirmware/update/1" | version | length | image hash).</summary>
        public static byte[] SignedHash(byte[] buffer, int offset)
        {
            return LabelledSha256.Of(ManifestLabel, buffer, offset, SignedLength);
        }

        private static int ReadInt(byte[] buffer, int offset)
        {
            return (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}
