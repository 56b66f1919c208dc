using CardFirmware.Crypto;

namespace CardFirmware.Card.Attestation
{
    /// <summary>
    /// The card's certificate format: a vendor key vouches that a secp256k1 public key is the
    /// identity key of a genuine card. One certificate is <see cref="Size"/> bytes:
    /// <code>
    ///   0       version (1)
    ///   1       role: 1 = card identity key, 2 = vendor intermediate (a factory station's key)
    ///   2..34   subject public key, compressed secp256k1 (33 bytes)
    ///   35..98  issuer's ECDSA signature, compact r | s (64 bytes, big-endian, low s), over
    ///           SHA-256("CardFirmware/cert/1" | bytes 0..34)
    /// </code>
    /// A chain is <c>count (1) | certificate × count</c>, 1 to <see cref="MaxChainLength"/>
    /// certificates: the card's own first (role 1), then intermediates (role 2), each signed by the
    /// subject of the next; the last is signed by the vendor root, which is not in the chain: the
    /// phone pins it (and the card, which refuses to store a chain that does not end there).
    /// Certificates carry no validity period: the card has no trusted clock, and revocation is
    /// the phone's list of revoked intermediates.
    /// </summary>
    public static class CardCertificate
    {
        private static readonly byte[] CertificateLabel = Ascii.Bytes("CardFirmware/cert/1");
        private static readonly byte[] ChallengeLabel = Ascii.Bytes("CardFirmware/attest/1");

        /// <summary>Format version.</summary>
        public const byte Version = 1;

        /// <summary>Role of a card identity key.</summary>
        public const byte RoleCard = 1;

        /// <summary>Role of a vendor intermediate key.</summary>
        public const byte RoleIntermediate = 2;

        /// <summary>Bytes covered by the signature (version, role, subject key).</summary>
        public const int SignedLength = 35;

        /// <summary>Offset of the subject public key.</summary>
        public const int SubjectOffset = 2;

        /// <summary>Offset of the signature.</summary>
        public const int SignatureOffset = 35;

        /// <summary>Length of one certificate.</summary>
        public const int Size = 99;

        /// <summary>Most certificates in a chain (card, two intermediates).</summary>
        public const int MaxChainLength = 3;

        /// <summary>Length of a chain of <paramref name="count"/> certificates.</summary>
        public static int ChainLength(int count)
        {
            return 1 + count * Size;
        }

        /// <summary>
        /// The 32-byte hash the issuer signs for the certificate at <paramref name="offset"/> of
        /// <paramref name="buffer"/>.
        /// </summary>
        public static byte[] SignedHash(byte[] buffer, int offset)
        {
            return LabelledSha256.Of(CertificateLabel, buffer, offset, SignedLength);
        }

        /// <summary>
        /// The 32-byte hash the card signs to answer an attestation challenge: SHA-256("CardFirmware/attest/1" |
        /// identity public key (33) | nonce (32)).
        /// </summary>
        public static byte[] ChallengeHash(byte[] identityPublicKey, byte[] nonce, int nonceOffset)
        {
            Sha256 sha = LabelledSha256.Start(ChallengeLabel);
            sha.Update(identityPublicKey, 0, 33);
            sha.Update(nonce, nonceOffset, AttestHandler.NonceLength);
            return LabelledSha256.Finish(sha);
        }
    }
}
