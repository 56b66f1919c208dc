using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;

namespace CardFirmware.Channel.Relay
{
    /// <summary>
    /// End-to-end protection of the threshold messages between the card and the security provider, which the
    /// phone relays (a 2-of-3 wallet: card = party 1, phone = 2, provider = 3). Key-generation, refresh and
    /// recovery messages of round 2 carry a secret polynomial share f_i(j); the phone must not read the card's
    /// share for the provider (it would then know two points of the card's polynomial) nor forge either side.
    /// <para>
    /// Keys of one protocol run: <c>okm = HKDF-SHA256(salt = session id(32), ikm = ECDH(card identity key,
    /// provider static key) as a compressed point(33), info = "CardFirmware/relay-seal/1", 64)</c>; card → provider
    /// uses okm[0..32), provider → card okm[32..64). Each message is ChaCha20-Poly1305 under its direction's key,
    /// nonce = 8 zero bytes | round(4, big-endian), no associated data: <c>ciphertext | tag(16)</c>. Each
    /// direction sends at most one message per round of a run, and the session id is fresh per run, so no
    /// (key, nonce) pair repeats.
    /// </para>
    /// </summary>
    /// <remarks>
    /// Security: static-static Diffie-Hellman authenticates both ends (only the card's identity key or the
    /// provider's key computes the secret) but gives no forward secrecy against a later leak of the provider's
    /// key: README "Relay seal". Keys are wiped by <see cref="Dispose"/>.
    /// </remarks>
    public sealed class RelaySeal : System.IDisposable
    {
        /// <summary>Bytes a sealed message adds (the tag).</summary>
        public const int Overhead = ChaCha20Poly1305.TagSize;

        private const int KeyBytes = ChaCha20Poly1305.KeySize;

        // "CardFirmware/relay-seal/1" in ASCII.
        private static readonly byte[] Info = new byte[]
        {
            0x43, 0x61, 0x72, 0x64, 0x46, 0x69, 0x72, 0x6d, 0x77, 0x61, 0x72, 0x65, 0x2f, 0x72, 0x65, 0x6c,
            0x61, 0x79, 0x2d, 0x73, 0x65, 0x61, 0x6c, 0x2f, 0x31,
        };

        private readonly byte[] _sendKey = new byte[KeyBytes];
        private readonly byte[] _receiveKey = new byte[KeyBytes];

        private RelaySeal()
        {
        }

        /// <summary>
        /// Derives the keys of one run: <paramref name="privateKey"/> (32) is this end's static key,
        /// <paramref name="peerPublicKey"/> (33, compressed) the other end's, <paramref name="sessionId"/> (32) the
        /// run's joint id; <paramref name="isCard"/> says which direction this end sends in. Returns null when the
        /// peer's key is not a valid point.
        /// </summary>
        public static RelaySeal Derive(IChannelCurve curve, byte[] privateKey, byte[] peerPublicKey, byte[] sessionId, bool isCard)
        {
            if (peerPublicKey == null || peerPublicKey.Length != 33 || sessionId == null || sessionId.Length != 32)
            {
                return null;
            }

            byte[] shared = new byte[33];
            byte[] okm = null;
            try
            {
                if (!curve.Multiply(privateKey, peerPublicKey, 0, shared))
                {
                    return null;
                }

                okm = Hkdf.DeriveKey(sessionId, shared, Info, 2 * KeyBytes);
                RelaySeal seal = new RelaySeal();
                System.Array.Copy(okm, isCard ? 0 : KeyBytes, seal._sendKey, 0, KeyBytes);
                System.Array.Copy(okm, isCard ? KeyBytes : 0, seal._receiveKey, 0, KeyBytes);
                return seal;
            }
            finally
            {
                Wipe.Bytes(shared);
                Wipe.Bytes(okm);
            }
        }

        /// <summary>Seals this end's message of <paramref name="round"/>: returns ciphertext | tag.</summary>
        public byte[] Seal(int round, byte[] message)
        {
            byte[] sealedMessage = new byte[message.Length + Overhead];
            ChaCha20Poly1305.Encrypt(_sendKey, Nonce(round), new byte[0], message, 0, message.Length, sealedMessage, 0);
            return sealedMessage;
        }

        /// <summary>
        /// Opens the other end's message of <paramref name="round"/>; returns the plaintext, or null when it is too
        /// short or its tag fails (tampered, replayed from another round or run, or from someone else).
        /// </summary>
        public byte[] Open(int round, byte[] sealedMessage)
        {
            if (sealedMessage == null || sealedMessage.Length < Overhead)
            {
                return null;
            }

            byte[] message = new byte[sealedMessage.Length - Overhead];
            if (!ChaCha20Poly1305.Decrypt(_receiveKey, Nonce(round), new byte[0], sealedMessage, 0, sealedMessage.Length, message, 0))
            {
                return null;
            }

            return message;
        }

        /// <summary>Wipes both keys.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_sendKey);
            Wipe.Bytes(_receiveKey);
        }

        /// <summary>Never shows key material.</summary>
        public override string ToString()
        {
            return "RelaySeal<redacted>";
        }

        private static byte[] Nonce(int round)
        {
            byte[] nonce = new byte[ChaCha20Poly1305.NonceSize];
            nonce[8] = (byte)(round >> 24);
            nonce[9] = (byte)(round >> 16);
            nonce[10] = (byte)(round >> 8);
            nonce[11] = (byte)round;
            return nonce;
        }
    }
}
