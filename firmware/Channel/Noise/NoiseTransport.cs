using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// The established channel (BOLT #8, "Lightning Message Specification"): every message is
    /// <c>encrypt(sk, 2-byte big-endian length) || encrypt(sk, body)</c>, each part with its own
    /// 16-byte tag and its own nonce, so one message consumes two nonces. The sending and receiving
    /// directions rotate their keys independently every 1000 nonces.
    /// Any refused message puts the transport into its terminal failed state (BOLT #8: the
    /// connection must be closed), wipes the keys and throws <see cref="ChannelException"/>.
    /// </summary>
    /// <remarks>Security: keys live only inside this object and are wiped by <see cref="Dispose"/>
    /// or the first failure. Not thread safe.</remarks>
    public sealed class NoiseTransport : System.IDisposable
    {
        private readonly TransportCipher _send;
        private readonly TransportCipher _receive;
        private readonly byte[] _remoteStaticKey;
        private readonly byte[] _length = new byte[2];
        private bool _closed;

        internal NoiseTransport(byte[] sendKey, byte[] receiveKey, byte[] chainingKey, byte[] remoteStaticKey, IArithmeticBackend aead)
        {
            _send = new TransportCipher(sendKey, chainingKey, aead);
            _receive = new TransportCipher(receiveKey, chainingKey, aead);
            _remoteStaticKey = new byte[NoiseConstants.PublicKeySize];
            System.Array.Copy(remoteStaticKey, 0, _remoteStaticKey, 0, NoiseConstants.PublicKeySize);
        }

        /// <summary>True once a message was refused or the transport was disposed; nothing more can be sent or received.</summary>
        public bool IsClosed
        {
            get { return _closed; }
        }

        /// <summary>
        /// The peer's static public key (33 bytes, compressed), as authenticated by the handshake.
        /// The card checks it against its bond list. A fresh copy on every call.
        /// </summary>
        public byte[] RemoteStaticKey()
        {
            byte[] copy = new byte[NoiseConstants.PublicKeySize];
            System.Array.Copy(_remoteStaticKey, 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>The next sending nonce (for tests of key rotation).</summary>
        internal ulong SendNonce
        {
            get { return _send.Nonce; }
        }

        /// <summary>The next receiving nonce (for tests of key rotation).</summary>
        internal ulong ReceiveNonce
        {
            get { return _receive.Nonce; }
        }

        /// <summary>
        /// Encrypts <paramref name="count"/> bytes (0..65535) of <paramref name="plaintext"/> and writes
        /// count + 34 bytes to <paramref name="output"/> at <paramref name="outputOffset"/>; returns that size.
        /// </summary>
        public int Encrypt(byte[] plaintext, int offset, int count, byte[] output, int outputOffset)
        {
            CheckOpen();
            if (count < 0 || count > NoiseConstants.MaxPlaintextSize)
            {
                throw Close(ChannelError.MessageTooLarge);
            }

            int total = count + NoiseConstants.TransportOverhead;
            if (output == null || outputOffset < 0 || outputOffset > output.Length - total)
            {
                throw new ChannelException(ChannelError.BufferTooSmall);
            }

            _length[0] = (byte)(count >> 8);
            _length[1] = (byte)count;
            _send.Encrypt(_length, 0, 2, output, outputOffset);
            _send.Encrypt(plaintext, offset, count, output, outputOffset + NoiseConstants.LengthHeaderSize);
            return total;
        }

        /// <summary>
        /// Decrypts one whole transport message of <paramref name="count"/> bytes and writes its
        /// plaintext to <paramref name="output"/> at <paramref name="outputOffset"/>; returns the
        /// plaintext length. The length prefix is checked first (its own MAC), then that the message
        /// is exactly as long as the prefix says, then the body's MAC. In place is allowed:
        /// <paramref name="output"/> = <paramref name="input"/> with <paramref name="outputOffset"/> =
        /// <paramref name="offset"/> + <see cref="NoiseConstants.LengthHeaderSize"/> (the body's own bytes).
        /// </summary>
        public int Decrypt(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            CheckOpen();
            if (input == null || offset < 0 || count < NoiseConstants.TransportOverhead || offset > input.Length - count)
            {
                throw Close(ChannelError.TransportBadLength);
            }

            if (!_receive.Decrypt(input, offset, NoiseConstants.LengthHeaderSize, _length, 0))
            {
                throw Close(ChannelError.TransportBadLengthTag);
            }

            int length = (_length[0] << 8) | _length[1];
            if (count != length + NoiseConstants.TransportOverhead)
            {
                throw Close(ChannelError.TransportBadLength);
            }

            if (output == null || outputOffset < 0 || outputOffset > output.Length - length)
            {
                throw Close(ChannelError.BufferTooSmall);
            }

            if (!_receive.Decrypt(input, offset + NoiseConstants.LengthHeaderSize, length + NoiseConstants.TagSize, output, outputOffset))
            {
                throw Close(ChannelError.TransportBadBodyTag);
            }

            return length;
        }

        /// <summary>Wipes both directions' keys; the transport is closed.</summary>
        public void Dispose()
        {
            _closed = true;
            _send.Wipe();
            _receive.Wipe();
            CardFirmware.Crypto.Wipe.Bytes(_length);
        }

        /// <summary>Never prints key material.</summary>
        public override string ToString()
        {
            return "NoiseTransport <redacted>";
        }

        private void CheckOpen()
        {
            if (_closed)
            {
                throw new ChannelException(ChannelError.WrongState);
            }
        }

        private ChannelException Close(ChannelError error)
        {
            Dispose();
            return new ChannelException(error);
        }
    }
}
