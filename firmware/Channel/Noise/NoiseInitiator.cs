using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The phone's side of Noise_XK_secp256k1_ChaChaPoly_SHA256 (BOLT #8): it knows the card's
    /// static public key in advance (from the QR code) and its own static key pair. Steps:
    /// <see cref="WriteActOne"/> emits act one; <see cref="ReadActTwo"/> consumes act two, emits
    /// act three and returns the <see cref="NoiseTransport"/>. Any failure wipes every secret and
    /// leaves the machine in <see cref="HandshakeStage.Failed"/> with a <see cref="FailureReason"/>.
    /// Card code too, so that the card's own tests and a card-to-card setup can use it.
    /// </summary>
    /// <remarks>Security: single use; secrets are wiped when the handshake ends.</remarks>
    public sealed class NoiseInitiator : System.IDisposable
    {
        private readonly HandshakeCore _core;

        /// <summary>
        /// Creates an initiator holding <paramref name="staticPrivateKey"/> (32 bytes) that will only
        /// complete with the holder of <paramref name="remoteStaticKey"/> (33 bytes, compressed).
        /// <paramref name="random"/> must be a DRBG (its output becomes the ephemeral key).
        /// </summary>
        /// <remarks>Hashing runs on the managed reference backend (the phone's side).</remarks>
        public NoiseInitiator(byte[] staticPrivateKey, byte[] remoteStaticKey, byte[] prologue, IChannelCurve curve, IEntropySource random)
            : this(staticPrivateKey, remoteStaticKey, prologue, curve, ManagedArithmeticBackend.Instance, random, null)
        {
        }

        /// <summary>Test entry point: the ephemeral private key is <paramref name="ephemeralPrivateKey"/> (copied).</summary>
        internal NoiseInitiator(byte[] staticPrivateKey, byte[] remoteStaticKey, byte[] prologue, IChannelCurve curve, byte[] ephemeralPrivateKey)
            : this(staticPrivateKey, remoteStaticKey, prologue, curve, ManagedArithmeticBackend.Instance, null, HandshakeCore.CopyOf(ephemeralPrivateKey))
        {
        }

        /// <summary>Test entry point on a chosen backend: the ephemeral private key is <paramref name="ephemeralPrivateKey"/> (copied).</summary>
        internal NoiseInitiator(byte[] staticPrivateKey, byte[] remoteStaticKey, byte[] prologue, IChannelCurve curve, IArithmeticBackend arithmetic, byte[] ephemeralPrivateKey)
            : this(staticPrivateKey, remoteStaticKey, prologue, curve, arithmetic, null, HandshakeCore.CopyOf(ephemeralPrivateKey))
        {
        }

        private NoiseInitiator(byte[] staticPrivateKey, byte[] remoteStaticKey, byte[] prologue, IChannelCurve curve, IArithmeticBackend arithmetic, IEntropySource random, byte[] fixedEphemeral)
        {
            if (curve == null || arithmetic == null || prologue == null || (random == null && fixedEphemeral == null))
            {
                throw new ChannelException(ChannelError.InvalidConfiguredKey);
            }

            _core = new HandshakeCore(curve, arithmetic, random, fixedEphemeral);
            _core.SetStaticKey(staticPrivateKey);
            if (remoteStaticKey == null || remoteStaticKey.Length != NoiseConstants.PublicKeySize)
            {
                _core.Fail(ChannelError.InvalidConfiguredKey);
            }

            _core.ReadPublicKey(remoteStaticKey, 0, _core.RemoteStatic, ChannelError.InvalidConfiguredKey);
            _core.Symmetric.Initialize(prologue);
            _core.Symmetric.MixHash(_core.RemoteStatic, 0, NoiseConstants.PublicKeySize);
        }

        /// <summary>Where the handshake stands.</summary>
        public HandshakeStage Stage
        {
            get { return _core.Stage; }
        }

        /// <summary>Why the handshake failed (meaningful only in <see cref="HandshakeStage.Failed"/>).</summary>
        public ChannelError FailureReason
        {
            get { return _core.FailureReason; }
        }

        /// <summary>Writes act one (50 bytes) to <paramref name="output"/> at <paramref name="offset"/>; returns 50.</summary>
        public int WriteActOne(byte[] output, int offset)
        {
            _core.Expect(HandshakeStage.Start);
            HandshakeCore.CheckOutput(output, offset, NoiseConstants.ActOneSize);
            try
            {
                // Act one: e, es.
                _core.GenerateEphemeral();
                _core.Symmetric.MixHash(_core.EphemeralPublic, 0, NoiseConstants.PublicKeySize);
                _core.MixDiffieHellman(_core.EphemeralPrivate, _core.RemoteStatic, ChannelError.InvalidConfiguredKey);
                output[offset] = NoiseConstants.Version;
                System.Array.Copy(_core.EphemeralPublic, 0, output, offset + 1, NoiseConstants.PublicKeySize);
                _core.WriteEmptyTag(0, output, offset + 1 + NoiseConstants.PublicKeySize);
                _core.Stage = HandshakeStage.AwaitingActTwo;
                return NoiseConstants.ActOneSize;
            }
            catch (CryptoException)
            {
                _core.Fail(ChannelError.EntropyFailure);
                throw;
            }
        }

        /// <summary>
        /// Consumes act two (exactly 50 bytes), writes act three (66 bytes) to
        /// <paramref name="actThree"/> at <paramref name="actThreeOffset"/> and returns the transport.
        /// </summary>
        public NoiseTransport ReadActTwo(byte[] input, int offset, int count, byte[] actThree, int actThreeOffset)
        {
            _core.Expect(HandshakeStage.AwaitingActTwo);
            HandshakeCore.CheckOutput(actThree, actThreeOffset, NoiseConstants.ActThreeSize);
            try
            {
                _core.CheckInput(input, offset, count, NoiseConstants.ActTwoSize, ChannelError.ActTwoReadFailed);
                if (input[offset] != NoiseConstants.Version)
                {
                    _core.Fail(ChannelError.ActTwoBadVersion);
                }

                _core.ReadPublicKey(input, offset + 1, _core.RemoteEphemeral, ChannelError.ActTwoBadPublicKey);
                _core.Symmetric.MixHash(_core.RemoteEphemeral, 0, NoiseConstants.PublicKeySize);
                _core.MixDiffieHellman(_core.EphemeralPrivate, _core.RemoteEphemeral, ChannelError.ActTwoBadPublicKey);
                _core.ReadEmptyTag(0, input, offset + 1 + NoiseConstants.PublicKeySize, ChannelError.ActTwoBadTag);

                // Act three: s, se.
                actThree[actThreeOffset] = NoiseConstants.Version;
                _core.Symmetric.EncryptAndHash(1, _core.StaticPublic, 0, NoiseConstants.PublicKeySize, actThree, actThreeOffset + 1);
                _core.MixDiffieHellman(_core.StaticPrivate, _core.RemoteEphemeral, ChannelError.ActTwoBadPublicKey);
                _core.WriteEmptyTag(0, actThree, actThreeOffset + 1 + NoiseConstants.PublicKeySize + NoiseConstants.TagSize);
                return _core.Finish(true);
            }
            catch (CryptoException)
            {
                _core.Fail(ChannelError.ActTwoReadFailed);
                throw;
            }
        }

        /// <summary>Wipes every secret; a handshake not yet complete becomes failed.</summary>
        public void Dispose()
        {
            _core.Abandon();
        }

        /// <summary>Never prints key material.</summary>
        public override string ToString()
        {
            return "NoiseInitiator <redacted>";
        }

        /// <summary>Test access to the handshake hash h between steps (copy).</summary>
        internal byte[] CopyHandshakeHash()
        {
            return HandshakeCore.CopyOf(_core.Symmetric.Hash);
        }

        /// <summary>Test access to the chaining key ck between steps (copy).</summary>
        internal byte[] CopyChainingKey()
        {
            return HandshakeCore.CopyOf(_core.Symmetric.ChainingKey);
        }

        /// <summary>Test access to the latest temporary key between steps (copy).</summary>
        internal byte[] CopyTempKey()
        {
            return HandshakeCore.CopyOf(_core.Symmetric.TempKey);
        }
    }
}
