using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// A wallet command that runs a protocol party one round per request. Request payload:
    /// <see cref="RoundEnvelope"/> (<c>round(1) | body</c>). Round 1 starts a run (dropping any unfinished one); each later round
    /// must be the next one of the run in progress, else NotAllowedNow. A protocol abort drops the
    /// run (the party wipes itself) and answers the status <see cref="Aborted"/> chose, ProtocolAborted
    /// unless a handler says otherwise. A later round's body is read where the channel decrypted it (a signing
    /// round-2 message is 40 KB: no copy of it is made) and the round-1 body from a copy; either is wiped after
    /// the round (key-generation messages carry secret polynomial shares). A reply too large for the channel goes out in
    /// pieces: the round's reply is the first, and each request <c>round = 0 | empty body</c>
    /// (<see cref="RoundEnvelope.NextPieceRound"/>) returns the next; no other round runs until the last piece went out.
    /// </summary>
    public abstract class RoundCommandHandler : ICommandHandler, ISessionScoped
    {
        private int _nextRound = 1;

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            int round = RoundEnvelope.RoundOf(request, payloadOffset, payloadLength);
            int bodyOffset = payloadOffset + RoundEnvelope.HeaderBytes;
            int bodyLength = payloadLength - RoundEnvelope.HeaderBytes;
            byte[] begin = null;
            try
            {
                if (round == RoundEnvelope.NextPieceRound)
                {
                    // The next piece of a reply sent in pieces; nothing else runs until its last piece went out.
                    if (!IsRunning || !IsSendingPieces)
                    {
                        throw new CommandException(WireStatus.NotAllowedNow);
                    }

                    if (bodyLength != 0)
                    {
                        throw new CommandException(WireStatus.MalformedRequest);
                    }

                    return NextPiece();
                }

                if (round != 1 && (!IsRunning || round != _nextRound || IsSendingPieces))
                {
                    throw new CommandException(WireStatus.NotAllowedNow);
                }

                _nextRound = round + 1;
                if (round == 1)
                {
                    begin = CopyBody(request, bodyOffset, bodyLength);
                    return Begin(begin);
                }

                return Continue(round, request, bodyOffset, bodyLength);
            }
            catch (ThresholdException e)
            {
                WireStatus status = WireStatus.ProtocolAborted;
                try
                {
                    status = Aborted(e);
                }
                finally
                {
                    EndSession();
                }

                throw new CommandException(status);
            }
            finally
            {
                Wipe.Bytes(begin);
                Wipe.Range(request, bodyOffset, bodyLength);
            }
        }

        /// <summary>Drops the run in progress, wiping its secrets (also at the session's end).</summary>
        public void EndSession()
        {
            _nextRound = 1;
            Cancel();
        }

        /// <summary>True while a run is in progress.</summary>
        protected abstract bool IsRunning { get; }

        /// <summary>True while the reply of the last round is going out in pieces (README "Round messages in pieces").</summary>
        protected virtual bool IsSendingPieces
        {
            get { return false; }
        }

        /// <summary>The next piece of the reply in pieces (called only while <see cref="IsSendingPieces"/>).</summary>
        protected virtual byte[] NextPiece()
        {
            throw new CommandException(WireStatus.NotAllowedNow);
        }

        /// <summary>Checks the card's state and the round-1 body, starts a run and returns the card's first message.</summary>
        protected abstract byte[] Begin(byte[] body);

        /// <summary>
        /// Runs round <paramref name="round"/> (2 or later) on the phone's previous message, the
        /// <paramref name="length"/> bytes of <paramref name="request"/> at <paramref name="offset"/>, read in place
        /// (valid during the call only; wiped after it).
        /// </summary>
        protected abstract byte[] Continue(int round, byte[] request, int offset, int length);

        /// <summary>A copy of a request body, for a reader that needs the message as its own array; the caller wipes it.</summary>
        protected static byte[] CopyBody(byte[] request, int offset, int length)
        {
            byte[] body = new byte[length];
            System.Array.Copy(request, offset, body, 0, length);
            return body;
        }

        /// <summary>Cancels the party in progress and wipes what the run holds.</summary>
        protected abstract void Cancel();

        /// <summary>
        /// Called when the party aborted, before the run is dropped and before the card replies; returns the
        /// status the phone is told. Whatever must be on flash before that reply is written here.
        /// </summary>
        protected virtual WireStatus Aborted(ThresholdException abort)
        {
            return WireStatus.ProtocolAborted;
        }
    }
}
