using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The card's side of Noise_XK_secp256k1_ChaChaPoly_SHA256 (BOLT #8, "Authenticated Key
    /// Agreement Handshake"): it knows its own static key; the phone proves knowledge of it in act
    /// one and reveals (encrypted) its own static key in act three. Steps:
    /// <see cref="ReadActOne"/> consumes act one and emits act two; <see cref="ReadActThree"/>
    /// consumes act three and returns the <see cref="NoiseTransport"/>. Any failure wipes every
    /// secret and leaves the machine in <see cref="HandshakeStage.Failed"/> with a
    /// <see cref="FailureReason"/>; no transport exists unless the whole handshake verified.
    /// </summary>
    /// <remarks>Security: single use. The static private key is copied and the copy wiped when the
    /// handshake ends; ephemeral secrets never leave this object.</remarks>
    public sealed class NoiseResponder : System.IDisposable
    {
        private readonly HandshakeCore _core;

        /// <summary>
        /// Creates a responder holding <paramref name="staticPrivateKey"/> (32 bytes) with
        /// <paramref name="prologue"/> (e.g. <see cref="NoiseConstants.ProductPrologue"/> as ASCII).
        /// <paramref name="random"/> must be a cryptographic source: its output becomes the ephemeral key as it is
        /// (the card passes its hardware entropy source, <c>IBoard.Entropy</c>).
        /// </summary>
        /// <remarks>Hashing runs on the managed reference backend; the card passes its own (<see cref="NoiseResponder(byte[], byte[], IChannelCurve, IArithmeticBackend, IEntropySource)"/>).</remarks>
        public NoiseResponder(byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, IEntropySource random)
            : this(staticPrivateKey, prologue, curve, ManagedArithmeticBackend.Instance, random, null)
        {
        }

        /// <summary>As above, with the handshake's SHA-256 and HMAC on <paramref name="arithmetic"/> (the card's backend).</summary>
        public NoiseResponder(byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, IArithmeticBackend arithmetic, IEntropySource random)
            : this(staticPrivateKey, prologue, curve, arithmetic, random, null)
        {
        }

        /// <summary>Test entry point: the ephemeral private key is <paramref name="ephemeralPrivateKey"/> (copied).</summary>
        internal NoiseResponder(byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, byte[] ephemeralPrivateKey)
            : this(staticPrivateKey, prologue, curve, ManagedArithmeticBackend.Instance, null, HandshakeCore.CopyOf(ephemeralPrivateKey))
        {
        }

        /// <summary>Test entry point on a chosen backend: the ephemeral private key is <paramref name="ephemeralPrivateKey"/> (copied).</summary>
        internal NoiseResponder(byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, IArithmeticBackend arithmetic, byte[] ephemeralPrivateKey)
            : this(staticPrivateKey, prologue, curve, arithmetic, null, HandshakeCore.CopyOf(ephemeralPrivateKey))
        {
        }

        private NoiseResponder(byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, IArithmeticBackend arithmetic, IEntropySource random, byte[] fixedEphemeral)
        {
            if (curve == null || arithmetic == null || prologue == null || (random == null && fixedEphemeral == null))
            {
                throw new ChannelException(ChannelError.InvalidConfiguredKey);
            }

            _core = new HandshakeCore(curve, arithmetic, random, fixedEphemeral);
            _core.SetStaticKey(staticPrivateKey);
            _core.Symmetric.Initialize(prologue);

            // BOLT #8: both sides mix the responder's static public key into h before act one.
            _core.Symmetric.MixHash(_core.StaticPublic, 0, NoiseConstants.PublicKeySize);
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

        /// <summary>
        /// Consumes act one (exactly 50 bytes) and writes act two (50 bytes) to
        /// <paramref name="actTwo"/> at <paramref name="actTwoOffset"/>; returns 50.
        /// </summary>
        public int ReadActOne(byte[] input, int offset, int count, byte[] actTwo, int actTwoOffset)
        {
            _core.Expect(HandshakeStage.Start);
            HandshakeCore.CheckOutput(actTwo, actTwoOffset, NoiseConstants.ActTwoSize);
            try
            {
                _core.CheckInput(input, offset, count, NoiseConstants.ActOneSize, ChannelError.ActOneReadFailed);
                if (input[offset] != NoiseConstants.Version)
                {
                    _core.Fail(ChannelError.ActOneBadVersion);
                }

                _core.ReadPublicKey(input, offset + 1, _core.RemoteEphemeral, ChannelError.ActOneBadPublicKey);
                _core.Symmetric.MixHash(_core.RemoteEphemeral, 0, NoiseConstants.PublicKeySize);
                _core.MixDiffieHellman(_core.StaticPrivate, _core.RemoteEphemeral, ChannelError.ActOneBadPublicKey);
                _core.ReadEmptyTag(0, input, offset + 1 + NoiseConstants.PublicKeySize, ChannelError.ActOneBadTag);

                // Act two: e, ee.
                _core.GenerateEphemeral();
                _core.Symmetric.MixHash(_core.EphemeralPublic, 0, NoiseConstants.PublicKeySize);
                _core.MixDiffieHellman(_core.EphemeralPrivate, _core.RemoteEphemeral, ChannelError.ActOneBadPublicKey);
                actTwo[actTwoOffset] = NoiseConstants.Version;
                System.Array.Copy(_core.EphemeralPublic, 0, actTwo, actTwoOffset + 1, NoiseConstants.PublicKeySize);
                _core.WriteEmptyTag(0, actTwo, actTwoOffset + 1 + NoiseConstants.PublicKeySize);
                _core.Stage = HandshakeStage.AwaitingActThree;
                return NoiseConstants.ActTwoSize;
            }
            catch (CryptoException)
            {
                _core.Fail(ChannelError.ActOneReadFailed);
                throw;
            }
        }

        /// <summary>
        /// Consumes act three (exactly 66 bytes): decrypts and checks the phone's static key, checks
        /// the final tag and returns the transport. The phone's static key is then
        /// <see cref="NoiseTransport.RemoteStaticKey"/>.
        /// </summary>
        public NoiseTransport ReadActThree(byte[] input, int offset, int count)
        {
            _core.Expect(HandshakeStage.AwaitingActThree);
            try
            {
                _core.CheckInput(input, offset, count, NoiseConstants.ActThreeSize, ChannelError.ActThreeReadFailed);
                if (input[offset] != NoiseConstants.Version)
                {
                    _core.Fail(ChannelError.ActThreeBadVersion);
                }

                if (!_core.Symmetric.DecryptAndHash(1, input, offset + 1, NoiseConstants.PublicKeySize + NoiseConstants.TagSize, _core.RemoteStatic, 0))
                {
                    _core.Fail(ChannelError.ActThreeBadCiphertext);
                }

                if (!_core.Curve.IsValidPublicKey(_core.RemoteStatic, 0))
                {
                    _core.Fail(ChannelError.ActThreeBadPublicKey);
                }

                _core.MixDiffieHellman(_core.EphemeralPrivate, _core.RemoteStatic, ChannelError.ActThreeBadPublicKey);
                _core.ReadEmptyTag(0, input, offset + 1 + NoiseConstants.PublicKeySize + NoiseConstants.TagSize, ChannelError.ActThreeBadTag);
                return _core.Finish(false);
            }
            catch (CryptoException)
            {
                _core.Fail(ChannelError.ActThreeReadFailed);
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
            return "NoiseResponder <redacted>";
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
