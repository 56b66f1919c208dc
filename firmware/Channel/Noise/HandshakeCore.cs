using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Hal;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The state and steps shared by <see cref="NoiseInitiator"/> and <see cref="NoiseResponder"/>:
    /// the symmetric state, the local static and ephemeral key pairs, the peer's keys, the stage and
    /// the failure discipline (any failure wipes every secret, then throws).
    /// BOLT #8 ECDH(k, P) is SHA-256 of the compressed encoding of k * P.
    /// </summary>
    internal sealed class HandshakeCore
    {
        private const int MaxEphemeralAttempts = 16;
        private static readonly byte[] Empty = new byte[0];

        internal readonly SymmetricState Symmetric;
        internal readonly byte[] StaticPrivate = new byte[NoiseConstants.KeySize];
        internal readonly byte[] StaticPublic = new byte[NoiseConstants.PublicKeySize];
        internal readonly byte[] EphemeralPrivate = new byte[NoiseConstants.KeySize];
        internal readonly byte[] EphemeralPublic = new byte[NoiseConstants.PublicKeySize];
        internal readonly byte[] RemoteStatic = new byte[NoiseConstants.PublicKeySize];
        internal readonly byte[] RemoteEphemeral = new byte[NoiseConstants.PublicKeySize];
        private readonly byte[] _sharedPoint = new byte[NoiseConstants.PublicKeySize];
        private readonly byte[] _sharedSecret = new byte[NoiseConstants.KeySize];
        private readonly IChannelCurve _curve;
        private readonly ChannelHash _hash;
        private readonly IEntropySource _random;
        private readonly byte[] _fixedEphemeral;

        internal HandshakeCore(IChannelCurve curve, IArithmeticBackend arithmetic, IEntropySource random, byte[] fixedEphemeral)
        {
            _curve = curve;
            _hash = new ChannelHash(arithmetic);
            Symmetric = new SymmetricState(_hash);
            _random = random;
            _fixedEphemeral = fixedEphemeral;
            Stage = HandshakeStage.Start;
        }

        internal HandshakeStage Stage;

        internal ChannelError FailureReason;

        internal IChannelCurve Curve
        {
            get { return _curve; }
        }

        /// <summary>Copies and checks the local static private key and derives its public key.</summary>
        internal void SetStaticKey(byte[] privateKey)
        {
            if (privateKey == null || privateKey.Length != NoiseConstants.KeySize || !_curve.IsValidPrivateKey(privateKey))
            {
                Fail(ChannelError.InvalidConfiguredKey);
            }

            System.Array.Copy(privateKey, 0, StaticPrivate, 0, NoiseConstants.KeySize);
            _curve.PublicKey(StaticPrivate, StaticPublic);
        }

        /// <summary>Throws <see cref="ChannelError.WrongState"/> unless the machine is at <paramref name="expected"/>.</summary>
        internal void Expect(HandshakeStage expected)
        {
            if (Stage != expected)
            {
                if (Stage != HandshakeStage.Failed)
                {
                    Fail(ChannelError.WrongState);
                }

                throw new ChannelException(ChannelError.WrongState);
            }
        }

        /// <summary>Throws <paramref name="error"/> unless input[offset..+count) exists and count == <paramref name="size"/>.</summary>
        internal void CheckInput(byte[] input, int offset, int count, int size, ChannelError error)
        {
            if (input == null || count != size || offset < 0 || offset > input.Length - count)
            {
                Fail(error);
            }
        }

        /// <summary>Throws <see cref="ChannelError.BufferTooSmall"/> (without failing) unless <paramref name="size"/> bytes fit.</summary>
        internal static void CheckOutput(byte[] output, int offset, int size)
        {
            if (output == null || offset < 0 || offset > output.Length - size)
            {
                throw new ChannelException(ChannelError.BufferTooSmall);
            }
        }

        /// <summary>Creates the ephemeral key pair: the injected test key, or fresh bytes from the entropy source.</summary>
        internal void GenerateEphemeral()
        {
            if (_fixedEphemeral != null)
            {
                System.Array.Copy(_fixedEphemeral, 0, EphemeralPrivate, 0, NoiseConstants.KeySize);
                Wipe.Bytes(_fixedEphemeral);
                if (!_curve.IsValidPrivateKey(EphemeralPrivate))
                {
                    Fail(ChannelError.EntropyFailure);
                }
            }
            else
            {
                bool valid = false;
                for (int attempt = 0; attempt < MaxEphemeralAttempts && !valid; attempt++)
                {
                    _random.GetBytes(EphemeralPrivate, 0, NoiseConstants.KeySize);
                    valid = _curve.IsValidPrivateKey(EphemeralPrivate);
                }

                if (!valid)
                {
                    Fail(ChannelError.EntropyFailure);
                }
            }

            _curve.PublicKey(EphemeralPrivate, EphemeralPublic);
        }

        /// <summary>Reads a peer's compressed key at input[offset] into <paramref name="destination"/>, or fails with <paramref name="error"/>.</summary>
        internal void ReadPublicKey(byte[] input, int offset, byte[] destination, ChannelError error)
        {
            if (!_curve.IsValidPublicKey(input, offset))
            {
                Fail(error);
            }

            System.Array.Copy(input, offset, destination, 0, NoiseConstants.PublicKeySize);
        }

        /// <summary>ck, temp_k = HKDF(ck, ECDH(privateKey, publicKey)); fails with <paramref name="error"/> on an invalid point.</summary>
        internal void MixDiffieHellman(byte[] privateKey, byte[] publicKey, ChannelError error)
        {
            try
            {
                if (!_curve.Multiply(privateKey, publicKey, 0, _sharedPoint))
                {
                    Fail(error);
                }

                _hash.Hash(_sharedPoint, 0, _sharedPoint.Length, _sharedSecret);
                Symmetric.MixKey(_sharedSecret);
            }
            finally
            {
                Wipe.Bytes(_sharedPoint);
                Wipe.Bytes(_sharedSecret);
            }
        }

        /// <summary>c = encryptWithAD(temp_k, nonce, h, empty) to output (16 bytes); h = SHA-256(h || c).</summary>
        internal void WriteEmptyTag(ulong nonce, byte[] output, int offset)
        {
            Symmetric.EncryptAndHash(nonce, Empty, 0, 0, output, offset);
        }

        /// <summary>Checks a 16-byte tag over empty plaintext; fails with <paramref name="error"/> if it does not verify.</summary>
        internal void ReadEmptyTag(ulong nonce, byte[] input, int offset, ChannelError error)
        {
            if (!Symmetric.DecryptAndHash(nonce, input, offset, NoiseConstants.TagSize, Empty, 0))
            {
                Fail(error);
            }
        }

        /// <summary>
        /// Splits into the transport: (first, second) = HKDF(ck, empty). The initiator sends with the
        /// first key, the responder with the second. Wipes the handshake state.
        /// </summary>
        internal NoiseTransport Finish(bool isInitiator)
        {
            byte[] first = new byte[NoiseConstants.KeySize];
            byte[] second = new byte[NoiseConstants.KeySize];
            try
            {
                Symmetric.Split(first, second);
                NoiseTransport transport = isInitiator
                    ? new NoiseTransport(first, second, Symmetric.ChainingKey, RemoteStatic, _hash.Backend)
                    : new NoiseTransport(second, first, Symmetric.ChainingKey, RemoteStatic, _hash.Backend);
                WipeAll();
                Stage = HandshakeStage.Complete;
                return transport;
            }
            finally
            {
                Wipe.Bytes(first);
                Wipe.Bytes(second);
            }
        }

        /// <summary>Wipes every secret, enters the failed state and throws <paramref name="error"/>.</summary>
        internal void Fail(ChannelError error)
        {
            WipeAll();
            Stage = HandshakeStage.Failed;
            FailureReason = error;
            throw new ChannelException(error);
        }

        /// <summary>Wipes every secret; used on completion, failure and dispose.</summary>
        internal void WipeAll()
        {
            Symmetric.Wipe();
            Wipe.Bytes(StaticPrivate);
            Wipe.Bytes(EphemeralPrivate);
            Wipe.Bytes(_sharedPoint);
            Wipe.Bytes(_sharedSecret);
            Wipe.Bytes(_fixedEphemeral);
        }

        /// <summary>Wipes every secret; a handshake not yet complete becomes failed (the parties' Dispose).</summary>
        internal void Abandon()
        {
            WipeAll();
            if (Stage != HandshakeStage.Complete && Stage != HandshakeStage.Failed)
            {
                Stage = HandshakeStage.Failed;
                FailureReason = ChannelError.WrongState;
            }
        }

        /// <summary>A copy of <paramref name="source"/> (null stays null), for the parties' test accessors.</summary>
        internal static byte[] CopyOf(byte[] source)
        {
            if (source == null)
            {
                return null;
            }

            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, 0, copy, 0, source.Length);
            return copy;
        }
    }
}
