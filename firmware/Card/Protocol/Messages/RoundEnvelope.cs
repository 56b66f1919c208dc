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

        /// <summary>
        /// The round of a request for the next piece of a reply sent in pieces (its body is empty): the card's signing
        /// round-2 message, 40,172 bytes, goes out in pieces of at most <see cref="MaxPieceBytes"/>.
        /// </summary>
        public const int NextPieceRound = 0;

        /// <summary>
        /// The most payload bytes of one piece: with the reply header (5) and the channel's transport overhead (34) a piece
        /// fits a 4 KiB channel message.
        /// </summary>
        public const int MaxPieceBytes = 4032;

        /// <summary>
        /// Bytes of the threshold message whose first piece is <paramref name="firstPiece"/>: its header (41 bytes:
        /// version, protocol, round, sender, addressee, session id) ends with the body's length (4, big-endian).
        /// </summary>
        /// <exception cref="MessageException">A first piece shorter than that header, or a length past <paramref name="limit"/>.</exception>
        public static int PiecedMessageLength(byte[] firstPiece, int limit)
        {
            if (firstPiece == null || firstPiece.Length < ThresholdHeaderBytes)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            int p = ThresholdHeaderBytes - 4;
            int body = (firstPiece[p] << 24) | (firstPiece[p + 1] << 16) | (firstPiece[p + 2] << 8) | firstPiece[p + 3];
            if (body < 0 || body > limit - ThresholdHeaderBytes || firstPiece.Length > ThresholdHeaderBytes + body)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            return ThresholdHeaderBytes + body;
        }

        // crypto/Threshold Wire: version(1) | protocol(1) | round(1) | from(1) | to(1) | sid(32) | body length(4).
        private const int ThresholdHeaderBytes = 41;

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
