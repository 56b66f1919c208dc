using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Hal;
using CardFirmware.Storage;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// The card's long-lived secrets: its static identity key (which the phone knows from the QR
    /// code on the card sleeve) and the device secret. Created once on the first boot after
    /// flashing, from the hardware RNG through an HMAC-DRBG, and stored in the record log.
    /// </summary>
    /// <remarks>
    /// Security: both secrets stay in this object for the card's uptime (every handshake needs
    /// the identity key); <see cref="Dispose"/> wipes them. Never copied into strings.
    /// </remarks>
    public sealed class CardIdentity : System.IDisposable
    {
        private const int KeySize = 32;
        private const int MaxProvisionAttempts = 8;

        private readonly byte[] _privateKey;
        private readonly byte[] _deviceSecret;
        private readonly byte[] _publicKey;

        private CardIdentity(byte[] privateKey, byte[] deviceSecret, byte[] publicKey, bool provisioned)
        {
            _privateKey = privateKey;
            _deviceSecret = deviceSecret;
            _publicKey = publicKey;
            ProvisionedNow = provisioned;
        }

        /// <summary>True if this boot created the identity (first boot after flashing).</summary>
        public bool ProvisionedNow { get; private set; }

        /// <summary>The identity private key. Security: secret; do not copy.</summary>
        public byte[] PrivateKey
        {
            get { return _privateKey; }
        }

        /// <summary>The device secret. Security: secret; do not copy.</summary>
        public byte[] DeviceSecret
        {
            get { return _deviceSecret; }
        }

        /// <summary>A copy of the compressed identity public key (33 bytes).</summary>
        public byte[] PublicKey()
        {
            byte[] copy = new byte[_publicKey.Length];
            System.Array.Copy(_publicKey, 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>
        /// Loads the identity from <paramref name="log"/>, or creates and stores it if the card is
        /// factory-fresh. A stored key that is not a valid scalar means corrupt storage and throws
        /// <see cref="StorageException"/>; it is never silently replaced (that would orphan the
        /// phone's pairing and the wallet).
        /// </summary>
        public static CardIdentity LoadOrProvision(RecordLog log, IEntropySource entropy, IChannelCurve curve)
        {
            bool provisioned = false;
            if (!log.Contains(StorageKeys.IdentityPrivateKey) || !log.Contains(StorageKeys.DeviceSecret))
            {
                Provision(log, entropy, curve);
                provisioned = true;
            }

            byte[] privateKey = log.Get(StorageKeys.IdentityPrivateKey);
            byte[] deviceSecret = log.Get(StorageKeys.DeviceSecret);
            if (privateKey.Length != KeySize || deviceSecret.Length != KeySize || !curve.IsValidPrivateKey(privateKey))
            {
                Wipe.Bytes(privateKey);
                Wipe.Bytes(deviceSecret);
                throw new StorageException(StorageError.Corrupt);
            }

            byte[] publicKey = new byte[33];
            curve.PublicKey(privateKey, publicKey);
            return new CardIdentity(privateKey, deviceSecret, publicKey, provisioned);
        }

        /// <summary>Wipes both secrets.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_privateKey);
            Wipe.Bytes(_deviceSecret);
        }

        /// <summary>Never shows key material.</summary>
        public override string ToString()
        {
            return "CardIdentity<redacted>";
        }

        private static void Provision(RecordLog log, IEntropySource entropy, IChannelCurve curve)
        {
            byte[] seed = new byte[HmacDrbg.MinEntropyLength];
            byte[] nonce = new byte[16];
            byte[] key = new byte[KeySize];
            byte[] secret = new byte[KeySize];
            try
            {
                entropy.GetBytes(seed, 0, seed.Length);
                entropy.GetBytes(nonce, 0, nonce.Length);
                using (HmacDrbg drbg = new HmacDrbg(seed, nonce, Personalization()))
                {
                    // Rejection sampling: a 32-byte string is a valid scalar except with
                    // probability about 2^-128, so the loop ends at the first try in practice.
                    int attempts = 0;
                    do
                    {
                        if (++attempts > MaxProvisionAttempts)
                        {
                            throw new CryptoException(CryptoError.InvalidKey);
                        }

                        drbg.Generate(key, 0, key.Length, null);
                    }
                    while (!curve.IsValidPrivateKey(key));

                    drbg.Generate(secret, 0, secret.Length, null);
                }

                // The device secret is written first: a power cut between the two writes leaves
                // no identity key, so the next boot provisions again from scratch.
                log.Put(StorageKeys.DeviceSecret, secret);
                log.Put(StorageKeys.IdentityPrivateKey, key);
            }
            finally
            {
                Wipe.Bytes(seed);
                Wipe.Bytes(nonce);
                Wipe.Bytes(key);
                Wipe.Bytes(secret);
            }
        }

        private static byte[] Personalization()
        {
            // "card-identity/1" in ASCII: separates this DRBG instance from every other use.
            return new byte[] { 0x63, 0x61, 0x72, 0x64, 0x2d, 0x69, 0x64, 0x65, 0x6e, 0x74, 0x69, 0x74, 0x79, 0x2f, 0x31 };
        }
    }
}
