namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The envelope of every request of a round command (CreateWallet, Sign, Refresh and the Hybrid commands):
    /// <c>round(1) | body</c>; the body is the round-1 message of the command (its begin body) or the peers'
    /// previous-round message(s).
    /// </summary>
    public sealed class RoundEnvelope
    {
        /// <summary>Creates the message.</summary>
        public RoundEnvelope(int round, byte[] body)
        {
            if (round < 0 || round > 255 || body == null)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            Round = round;
            Body = body;
        }

        /// <summary>The round this request runs (1 starts a run).</summary>
        public int Round { get; private set; }

        /// <summary>The round's body.</summary>
        public byte[] Body { get; private set; }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            return new MessageWriter(1 + Body.Length).Byte(Round).Bytes(Body).ToArray();
        }

        /// <summary>Bytes before the body: the round.</summary>
        public const int HeaderBytes = 1;

        /// <summary>
        /// The round of the message in <paramref name="count"/> bytes of <paramref name="buffer"/> at
        /// <paramref name="offset"/>; its body is the rest, from <paramref name="offset"/> + <see cref="HeaderBytes"/>.
        /// </summary>
        /// <exception cref="MessageException">No round byte.</exception>
        /// <remarks>The body is not copied: a round message is read where it lies (it may be 40 KB, and may carry secret
        /// shares: the reader wipes it there).</remarks>
        public static int RoundOf(byte[] buffer, int offset, int count)
        {
            return new MessageReader(buffer, offset, count).Byte();
        }
    }
}
