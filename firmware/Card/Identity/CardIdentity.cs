using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// The card's static identity key (the Noise responder key, which the phone knows from the QR
    /// code on the card sleeve). It is derived from the eFuse HMAC key at every boot, never stored:
    /// the first candidate <see cref="DeviceKeys.IdentitySeed"/> that is a valid secp256k1 scalar.
    /// So it cannot be read from a flash dump, cannot be damaged or replaced by a hostile flash
    /// record, and survives a factory reset and a full flash erase unchanged.
    /// </summary>
    /// <remarks>
    /// Security: the private key stays in this object for the card's uptime (every handshake needs
    /// it); <see cref="Dispose"/> wipes it. Never copied into strings.
    /// </remarks>
    public sealed class CardIdentity : System.IDisposable
    {
        private const int KeySize = 32;

        // A 32-byte HMAC output is a valid scalar except with probability about 2^-128, so the
        // first candidate is the key in practice; the bound only keeps the loop finite.
        private const int MaxCandidates = 8;

        private readonly byte[] _privateKey;
        private readonly byte[] _publicKey;

        private CardIdentity(byte[] privateKey, byte[] publicKey)
        {
            _privateKey = privateKey;
            _publicKey = publicKey;
        }

        /// <summary>The identity private key. Security: secret; do not copy.</summary>
        public byte[] PrivateKey
        {
            get { return _privateKey; }
        }

        /// <summary>A copy of the compressed identity public key (33 bytes).</summary>
        public byte[] PublicKey()
        {
            byte[] copy = new byte[_publicKey.Length];
            System.Array.Copy(_publicKey, 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>
        /// Derives the identity through <paramref name="keys"/>. Throws <see cref="CryptoException"/>
        /// (InvalidKey) only if no candidate is a valid scalar, which a working HMAC peripheral
        /// does not produce.
        /// </summary>
        public static CardIdentity Derive(DeviceKeys keys, IChannelCurve curve)
        {
            byte[] key = new byte[KeySize];
            for (int attempt = 0; attempt < MaxCandidates; attempt++)
            {
                keys.IdentitySeed(attempt, key);
                if (curve.IsValidPrivateKey(key))
                {
                    byte[] publicKey = new byte[33];
                    curve.PublicKey(key, publicKey);
                    return new CardIdentity(key, publicKey);
                }
            }

            Wipe.Bytes(key);
            throw new CryptoException(CryptoError.InvalidKey);
        }

        /// <summary>Wipes the private key.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_privateKey);
        }

        /// <summary>Never shows key material.</summary>
        public override string ToString()
        {
            return "CardIdentity<redacted>";
        }
    }
}
