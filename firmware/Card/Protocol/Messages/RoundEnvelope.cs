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

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">No round byte.</exception>
        /// <remarks>Security: the body is a copy (it may carry secret shares); the caller wipes it.</remarks>
        public static RoundEnvelope Decode(byte[] buffer, int offset, int count)
        {
            MessageReader reader = new MessageReader(buffer, offset, count);
            int round = reader.Byte();
            return new RoundEnvelope(round, reader.Bytes(reader.Remaining));
        }
    }
}
