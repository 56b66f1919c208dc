using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;
using CardFirmware.Storage;

namespace CardFirmware.Card.KeyStore
{
    /// <summary>
    /// Keeps the card's key share encrypted at rest. The wrapping key exists only while a finger
    /// is on the card, and only on this chip: wrapKey = HKDF-SHA256(salt = device secret, ikm = key
    /// from the finger, info = "CardFirmware/share-wrap/2"), where the device secret is the eFuse
    /// HMAC peripheral's output (<see cref="DeviceKeys.DeviceSecret"/>), derived for each use and
    /// never stored. The share is sealed with ChaCha20-Poly1305 under a fresh random nonce. Record layout:
    /// <code>version(1) = 2 | nonce(12) | ciphertext(n) | tag(16)</code>
    /// The version byte is also the AEAD's associated data, so a record cannot be replayed under
    /// another format. A flash reader sees only the ciphertext: even with the right finger key it
    /// cannot test a guess without the chip's HMAC key, so guessing happens on the card, where the
    /// touch counter charges every try. A wrong finger fails the tag and nothing is released.
    /// Version 1 (device secret stored in flash) is not opened.
    /// </summary>
    /// <remarks>Security: the device secret, the wrap key and every plaintext copy are wiped on every path.</remarks>
    public sealed class ShareVault
    {
        private const byte Version = 2;
        private const int HeaderSize = 1 + ChaCha20Poly1305.NonceSize;

        private static readonly byte[] Info = new byte[]
        {
            0x43, 0x61, 0x72, 0x64, 0x46, 0x69, 0x72, 0x6d, 0x77, 0x61, 0x72, 0x65, 0x2f, 0x73, 0x68, 0x61,
            0x72, 0x65, 0x2d, 0x77, 0x72, 0x61, 0x70, 0x2f, 0x32,
        };

        // Info | 0x01: the HMAC input of HKDF-Expand's first block, built once at start-up.
        private static readonly byte[] InfoFirstBlock = Hkdf.FirstBlockInput(Info);

        private readonly RecordLog _log;
        private readonly DeviceKeys _keys;
        private readonly IEntropySource _entropy;

        /// <summary>Creates the vault over <paramref name="log"/>, binding its key to the chip through <paramref name="keys"/>.</summary>
        public ShareVault(RecordLog log, DeviceKeys keys, IEntropySource entropy)
        {
            _log = log;
            _keys = keys;
            _entropy = entropy;
        }

        /// <summary>True if a wrapped share is stored.</summary>
        public bool HasShare
        {
            get { return _log.Contains(StorageKeys.WrappedShare); }
        }

        /// <summary>Seals <paramref name="share"/> under <paramref name="fingerKey"/> (32 bytes) and stores it atomically.</summary>
        public void Store(byte[] fingerKey, byte[] share)
        {
            byte[] wrapKey = DeriveWrapKey(fingerKey, ManagedArithmeticBackend.Instance);
            byte[] record = new byte[HeaderSize + share.Length + ChaCha20Poly1305.TagSize];
            byte[] nonce = new byte[ChaCha20Poly1305.NonceSize];
            try
            {
                record[0] = Version;
                _entropy.GetBytes(nonce, 0, nonce.Length);
                System.Array.Copy(nonce, 0, record, 1, nonce.Length);
                ChaCha20Poly1305.Encrypt(wrapKey, nonce, AssociatedData(), share, 0, share.Length, record, HeaderSize);
                _log.Put(StorageKeys.WrappedShare, record);
            }
            finally
            {
                Wipe.Bytes(wrapKey);
            }
        }

        /// <summary>
        /// Opens the stored share with <paramref name="fingerKey"/>. Returns the plaintext (the
        /// caller wipes it), or null when the key is wrong or the record was altered.
        /// Throws <see cref="StorageException"/> (NotFound) when no share is stored.
        /// </summary>
        public byte[] Open(byte[] fingerKey)
        {
            return Open(fingerKey, ManagedArithmeticBackend.Instance);
        }

        /// <summary>As <see cref="Open(byte[])"/>, decrypting on <paramref name="arithmetic"/> (the card's backend).</summary>
        public byte[] Open(byte[] fingerKey, IArithmeticBackend arithmetic)
        {
            if (!HasShare)
            {
                throw new StorageException(StorageError.NotFound);
            }

            byte[] record = _log.Get(StorageKeys.WrappedShare);
            if (record.Length < HeaderSize + ChaCha20Poly1305.TagSize || record[0] != Version)
            {
                return null;
            }

            byte[] wrapKey = DeriveWrapKey(fingerKey, arithmetic);
            byte[] nonce = new byte[ChaCha20Poly1305.NonceSize];
            byte[] share = new byte[record.Length - HeaderSize - ChaCha20Poly1305.TagSize];
            try
            {
                System.Array.Copy(record, 1, nonce, 0, nonce.Length);
                if (arithmetic.ChaCha20Poly1305Open(wrapKey, nonce, AssociatedData(), record, HeaderSize, record.Length - HeaderSize, share, 0))
                {
                    return share;
                }

                Wipe.Bytes(share);
                return null;
            }
            finally
            {
                Wipe.Bytes(wrapKey);
            }
        }

        /// <summary>
        /// Opens and parses the stored share for a finger the reader recognised: a share that does
        /// not open for a recognised finger is damaged storage (<see cref="StorageException"/>, Corrupt).
        /// Security: the plaintext is wiped here; the caller clears the returned share.
        /// </summary>
        public KeyShare OpenShare(byte[] fingerKey)
        {
            return OpenShare(fingerKey, ManagedArithmeticBackend.Instance);
        }

        /// <summary>As <see cref="OpenShare(byte[])"/>, decrypting and checking the share's points on <paramref name="arithmetic"/>.</summary>
        public KeyShare OpenShare(byte[] fingerKey, IArithmeticBackend arithmetic)
        {
            byte[] serialized = Open(fingerKey, arithmetic);
            if (serialized == null)
            {
                throw new StorageException(StorageError.Corrupt);
            }

            try
            {
                return KeyShare.Deserialize(arithmetic, serialized);
            }
            finally
            {
                Wipe.Bytes(serialized);
            }
        }

        /// <summary>Deletes the wrapped share (factory reset).</summary>
        public void Erase()
        {
            _log.Delete(StorageKeys.WrappedShare);
        }

        // wrap key = HKDF-SHA256(salt = device secret, ikm = finger key, Info, 32 bytes): Extract and the first Expand
        // block, one HMAC call each on hmac (the card's backend when opening: on the card, the native module).
        private byte[] DeriveWrapKey(byte[] fingerKey, IHmacSha256 hmac)
        {
            if (fingerKey == null || fingerKey.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] deviceSecret = new byte[DeviceKeys.Size];
            byte[] prk = new byte[Hkdf.PrkSize];
            byte[] wrapKey = new byte[32];
            bool done = false;
            try
            {
                _keys.DeviceSecret(deviceSecret);
                Hkdf.Extract(hmac, deviceSecret, fingerKey, 0, fingerKey.Length, prk);
                Hkdf.ExpandFirstBlock(hmac, prk, InfoFirstBlock, wrapKey, 0);
                done = true;
                return wrapKey;
            }
            finally
            {
                Wipe.Bytes(deviceSecret);
                Wipe.Bytes(prk);
                if (!done)
                {
                    Wipe.Bytes(wrapKey);
                }
            }
        }

        private static byte[] AssociatedData()
        {
            return new byte[] { Version };
        }
    }
}
