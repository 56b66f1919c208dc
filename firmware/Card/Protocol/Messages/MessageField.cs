namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>The checks a message's constructor makes on its fields.</summary>
    public static class MessageField
    {
        /// <summary>Bytes of a session-id contribution (<c>JointSessionId.ContributionBytes</c>).</summary>
        public const int ContributionLength = 32;

        /// <summary>Bytes of a compressed secp256k1 public key.</summary>
        public const int PublicKeyLength = 33;

        /// <summary>Returns <paramref name="field"/>, refusing it unless it is <paramref name="length"/> bytes long.</summary>
        public static byte[] Exactly(byte[] field, int length)
        {
            if (field == null || field.Length != length)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            return field;
        }
    }
}
