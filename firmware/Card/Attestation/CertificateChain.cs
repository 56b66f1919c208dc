using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Card.Attestation
{
    /// <summary>
    /// Checks a certificate chain (<see cref="CardCertificate"/>) for a given card key against a
    /// vendor root: layout, roles, that the first certificate names the card's key, and every
    /// signature up to the root. The card runs it before it stores a chain; the phone runs its own
    /// (tools/Host, on an independent curve implementation) before it trusts a card.
    /// </summary>
    public static class CertificateChain
    {
        /// <summary>
        /// True if the <paramref name="length"/> bytes at <paramref name="offset"/> of
        /// <paramref name="chain"/> are a chain whose first certificate certifies
        /// <paramref name="cardPublicKey"/> and whose last is signed by <paramref name="rootPublicKey"/>.
        /// Public data only (variable time).
        /// </summary>
        public static bool Verify(Ecdsa ecdsa, byte[] chain, int offset, int length, byte[] cardPublicKey, byte[] rootPublicKey)
        {
            if (chain == null || cardPublicKey == null || rootPublicKey == null || length < 1
                || offset < 0 || offset > chain.Length - length)
            {
                return false;
            }

            int count = chain[offset];
            if (count < 1 || count > CardCertificate.MaxChainLength || length != CardCertificate.ChainLength(count))
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                int at = offset + 1 + i * CardCertificate.Size;
                byte role = i == 0 ? CardCertificate.RoleCard : CardCertificate.RoleIntermediate;
                if (chain[at] != CardCertificate.Version || chain[at + 1] != role)
                {
                    return false;
                }

                if (i == 0 && !SameKey(chain, at + CardCertificate.SubjectOffset, cardPublicKey))
                {
                    return false;
                }

                byte[] issuer = i + 1 < count ? Subject(chain, at + CardCertificate.Size) : rootPublicKey;
                byte[] signature = new byte[64];
                System.Array.Copy(chain, at + CardCertificate.SignatureOffset, signature, 0, 64);
                if (!VerifySignature(ecdsa, issuer, CardCertificate.SignedHash(chain, at), signature))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool VerifySignature(Ecdsa ecdsa, byte[] issuer, byte[] hash, byte[] signature)
        {
            try
            {
                return ecdsa.Verify(issuer, hash, signature, true);
            }
            catch (CardFirmware.Crypto.CryptoException)
            {
                // A subject key that is not a point on the curve.
                return false;
            }
        }

        private static byte[] Subject(byte[] chain, int certificateOffset)
        {
            byte[] key = new byte[33];
            System.Array.Copy(chain, certificateOffset + CardCertificate.SubjectOffset, key, 0, 33);
            return key;
        }

        private static bool SameKey(byte[] chain, int offset, byte[] key)
        {
            if (key.Length != 33)
            {
                return false;
            }

            for (int i = 0; i < 33; i++)
            {
                if (chain[offset + i] != key[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
