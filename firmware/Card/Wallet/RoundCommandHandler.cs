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
    /// unless a handler says otherwise. The request body is wiped after
    /// each round (key-generation messages carry secret polynomial shares).
    /// </summary>
    public abstract class RoundCommandHandler : ICommandHandler, ISessionScoped
    {
        private int _nextRound = 1;

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            RoundEnvelope envelope = RoundEnvelope.Decode(request, payloadOffset, payloadLength);
            int round = envelope.Round;
            byte[] body = envelope.Body;
            try
            {
                if (round != 1 && (!IsRunning || round != _nextRound))
                {
                    throw new CommandException(WireStatus.NotAllowedNow);
                }

                _nextRound = round + 1;
                return round == 1 ? Begin(body) : Continue(round, new byte[][] { body });
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
                Wipe.Bytes(body);
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

        /// <summary>Checks the card's state and the round-1 body, starts a run and returns the card's first message.</summary>
        protected abstract byte[] Begin(byte[] body);

        /// <summary>Runs round <paramref name="round"/> (2 or later) on the phone's previous message.</summary>
        protected abstract byte[] Continue(int round, byte[][] inbox);

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
