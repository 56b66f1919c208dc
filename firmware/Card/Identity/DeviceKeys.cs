using CardFirmware.Crypto;
using CardFirmware.Hal;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// Every key the card derives from its hardware-bound secret: each one is the eFuse HMAC
    /// peripheral's output over a label of its own (and a counter or value where one is needed), so
    /// one use can never stand in for another and none of them is ever stored.
    /// <code>
    /// device secret    = HMAC_eFuse("CardFirmware/device-secret/1")
    /// identity seed(i) = HMAC_eFuse("CardFirmware/identity/1" | i(1))
    /// touch base tag   = HMAC_eFuse("CardFirmware/touch-base/2" | base(4, big-endian) | enrollment(32))
    /// session hedge    = HMAC_eFuse("CardFirmware/session-hedge/1")
    /// </code>
    /// </summary>
    /// <remarks>
    /// Security: outputs go into caller-owned buffers, which the caller wipes; the label buffers
    /// hold public constants only. Every derivation needs the card's own HMAC peripheral, so
    /// nothing derived here can be recomputed from a flash image.
    /// </remarks>
    public sealed class DeviceKeys
    {
        /// <summary>Size of every derived value.</summary>
        public const int Size = 32;

        private static readonly byte[] DeviceSecretLabel = Ascii.Bytes("CardFirmware/device-secret/1");
        private static readonly byte[] IdentityLabel = Ascii.Bytes("CardFirmware/identity/1");
        private static readonly byte[] TouchBaseLabel = Ascii.Bytes("CardFirmware/touch-base/2");
        private static readonly byte[] SessionHedgeLabel = Ascii.Bytes("CardFirmware/session-hedge/1");

        private readonly IHmacPeripheral _hmac;

        /// <summary>Derives through <paramref name="hmac"/>, the board's HMAC peripheral.</summary>
        public DeviceKeys(IHmacPeripheral hmac)
        {
            _hmac = hmac;
        }

        /// <summary>
        /// Writes the device secret (32 bytes) to <paramref name="output"/>: the salt that binds the
        /// share's wrapping key to this chip. Security: secret; wipe after use.
        /// </summary>
        public void DeviceSecret(byte[] output)
        {
            _hmac.Compute(DeviceSecretLabel, 0, DeviceSecretLabel.Length, output, 0);
        }

        /// <summary>
        /// Writes the key (32 bytes) that hedges the card's key-generation and refresh secrets against a failed
        /// RNG (<see cref="Wallet.SessionRandom"/>). Security: secret; wipe after use.
        /// </summary>
        public void SessionHedgeKey(byte[] output)
        {
            _hmac.Compute(SessionHedgeLabel, 0, SessionHedgeLabel.Length, output, 0);
        }

        /// <summary>
        /// Writes candidate <paramref name="attempt"/> (0-255) of the identity private key to
        /// <paramref name="output"/> (rejection sampling is the caller's). Security: secret.
        /// </summary>
        public void IdentitySeed(int attempt, byte[] output)
        {
            byte[] message = new byte[IdentityLabel.Length + 1];
            System.Array.Copy(IdentityLabel, 0, message, 0, IdentityLabel.Length);
            message[IdentityLabel.Length] = (byte)attempt;
            _hmac.Compute(message, 0, message.Length, output, 0);
        }

        /// <summary>
        /// Writes the tag (32 bytes) that authenticates the touch counter's flash record holding
        /// <paramref name="touchBase"/>, counted for the finger whose helper data hashes to
        /// <paramref name="enrollment"/> (32 bytes). Public once stored; unforgeable without the chip.
        /// </summary>
        public void TouchBaseTag(int touchBase, byte[] enrollment, byte[] output)
        {
            byte[] message = new byte[TouchBaseLabel.Length + 4 + Size];
            System.Array.Copy(TouchBaseLabel, 0, message, 0, TouchBaseLabel.Length);
            int at = TouchBaseLabel.Length;
            message[at] = (byte)(touchBase >> 24);
            message[at + 1] = (byte)(touchBase >> 16);
            message[at + 2] = (byte)(touchBase >> 8);
            message[at + 3] = (byte)touchBase;
            System.Array.Copy(enrollment, 0, message, at + 4, Size);
            _hmac.Compute(message, 0, message.Length, output, 0);
        }
    }
}
