namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The wallet's extended public key at depth 0, <c>public key(33, compressed) | chain code(32)</c>:
    /// the reply to <see cref="CommandCode.GetPublicKey"/> and to the last round of
    /// <see cref="CommandCode.CreateWallet"/> and <see cref="CommandCode.Refresh"/>.
    /// </summary>
    public sealed class WalletKey
    {
        /// <summary>Bytes of the compressed public key.</summary>
        public const int PublicKeyLength = 33;

        /// <summary>Bytes of the chain code.</summary>
        public const int ChainCodeLength = 32;

        /// <summary>Bytes of the message.</summary>
        public const int Length = PublicKeyLength + ChainCodeLength;

        /// <summary>Creates the message.</summary>
        public WalletKey(byte[] publicKey, byte[] chainCode)
        {
            if (publicKey == null || publicKey.Length != PublicKeyLength || chainCode == null || chainCode.Length != ChainCodeLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            PublicKey = publicKey;
            ChainCode = chainCode;
        }

        /// <summary>The wallet's compressed public key.</summary>
        public byte[] PublicKey { get; private set; }

        /// <summary>The wallet's chain code.</summary>
        public byte[] ChainCode { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            byte[] encoded = new byte[Length];
            System.Array.Copy(PublicKey, 0, encoded, 0, PublicKeyLength);
            System.Array.Copy(ChainCode, 0, encoded, PublicKeyLength, ChainCodeLength);
            return encoded;
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not 65 long.</exception>
        public static WalletKey Decode(byte[] buffer, int offset, int count)
        {
            if (count != Length)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            byte[] publicKey = new byte[PublicKeyLength];
            byte[] chainCode = new byte[ChainCodeLength];
            System.Array.Copy(buffer, offset, publicKey, 0, PublicKeyLength);
            System.Array.Copy(buffer, offset + PublicKeyLength, chainCode, 0, ChainCodeLength);
            return new WalletKey(publicKey, chainCode);
        }
    }
}
