using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// A round command that signs with a <see cref="SignParty"/>, 2-of-2 or 2-of-3: round 1 is the handler's
    /// <see cref="RoundCommandHandler.Begin"/>, which opens the share and ends in <see cref="StartSigning"/>; round 2
    /// replies the card's round-2 message (to the phone in pieces of at most <see cref="RoundEnvelope.MaxPieceBytes"/>,
    /// the first as round 2's reply and the rest one per <see cref="RoundEnvelope.NextPieceRound"/> request; sealed whole
    /// for a relayed peer); round 3 presigns and replies the card's round-3 message, from which a
    /// peer talking directly combines the signature (the run ends there); with a relayed peer round 4 takes its
    /// round-3 message and the card combines and replies r(32) | s(32), verified under the child key.
    /// </summary>
    /// <remarks>
    /// Security: a failed OT-extension, multiplication or consistency check condemns the setup on flash before the
    /// reply (<see cref="SetupGuard"/>); the card then answers <see cref="WireStatus.SetupCompromised"/>.
    /// </remarks>
    public abstract class SigningHandler : PartyRoundHandler
    {
        private readonly byte[] _hash = new byte[SignBegin.HashLength];

        /// <summary>Creates the handler over the card's wallet services.</summary>
        protected SigningHandler(WalletServices services)
            : base(services)
        {
        }

        /// <summary>
        /// With the share open: contributes to the session id (sid = <see cref="JointSessionId.ForSigning"/>(card's,
        /// peer's)), runs the card's party with <paramref name="peer"/> and returns card's contribution(32) | its
        /// round-1 message. The card's contribution is fixed (and its counter on flash) before any message depends on the id.
        /// </summary>
        protected byte[] StartSigning(SignBegin request, int peer)
        {
            System.Array.Copy(request.Hash, 0, _hash, 0, _hash.Length);
            byte[] cardContribution = Services.SessionIds.NextContribution();
            byte[] sessionId = JointSessionId.ForSigning(new byte[][] { cardContribution, request.Contribution });
            Relay = RelayTo(peer, sessionId);
            SignParty party = new SignParty(Services.Arithmetic, Share, new int[] { 1, peer }, sessionId, request.PathOrNull, _hash, Services.Random);
            Party = party;
            return new FirstRoundReply(cardContribution, Out(1, party.Start()[0])).Encode();
        }

        /// <summary>The relay of run <paramref name="sessionId"/> to <paramref name="peer"/>, null when the peer talks directly (the phone).</summary>
        protected virtual IPeerRelay RelayTo(int peer, byte[] sessionId)
        {
            return null;
        }

        /// <inheritdoc />
        protected sealed override byte[] Continue(int round, byte[] request, int offset, int length)
        {
            SignParty party = (SignParty)Party;
            if (Relay == null)
            {
                return Run(party, round, request, offset, length);
            }

            byte[] sealedMessage = CopyBody(request, offset, length);
            byte[] message = null;
            try
            {
                message = Relay.Open(round - 1, sealedMessage);
                return Run(party, round, message, 0, message.Length);
            }
            finally
            {
                Wipe.Bytes(sealedMessage);
                Wipe.Bytes(message);
            }
        }

        /// <summary>Runs round <paramref name="round"/> on the peer's message in the <paramref name="length"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        private byte[] Run(SignParty party, int round, byte[] buffer, int offset, int length)
        {
            if (round == 2)
            {
                if (Relay == null)
                {
                    // The 40 KB message goes to the phone in pieces, each made as it is asked for: the card never holds it whole.
                    party.Round2Open(buffer, offset, length);
                    return NextPieceOf(party);
                }

                return Out(2, party.Round2(buffer, offset, length)[0]);
            }

            if (round == 3)
            {
                party.Presign(buffer, offset, length);
                byte[] reply = Out(3, party.SignHash(_hash)[0]);
                if (Relay == null)
                {
                    EndSession();
                }

                return reply;
            }

            byte[] signature = party.Combine(new byte[][] { CopyBody(buffer, offset, length) });
            EndSession();
            return signature;
        }

        /// <inheritdoc />
        protected sealed override bool IsSendingPieces
        {
            get
            {
                SignParty party = Party as SignParty;
                return party != null && party.State == PartyState.Round2Sending;
            }
        }

        /// <inheritdoc />
        protected sealed override byte[] NextPiece()
        {
            return NextPieceOf((SignParty)Party);
        }

        /// <summary>
        /// The next piece of the card's round-2 message, at most <see cref="RoundEnvelope.MaxPieceBytes"/>: written where the
        /// channel encrypts it when the session lends the room, else into an array of its own.
        /// </summary>
        private byte[] NextPieceOf(SignParty party)
        {
            ReplyRoom room = Services.Replies;
            if (room != null && room.Take())
            {
                int capacity = room.Capacity < RoundEnvelope.MaxPieceBytes ? room.Capacity : RoundEnvelope.MaxPieceBytes;
                return room.Commit(party.Round2Next(room.Buffer, room.Offset, capacity));
            }

            byte[] piece = new byte[RoundEnvelope.MaxPieceBytes];
            int length = party.Round2Next(piece, 0, piece.Length);
            if (length == piece.Length)
            {
                return piece;
            }

            byte[] reply = new byte[length];
            System.Array.Copy(piece, 0, reply, 0, length);
            return reply;
        }

        /// <inheritdoc />
        protected sealed override WireStatus Aborted(ThresholdException abort)
        {
            if (Share == null || !SetupGuard.IsDetectedCheat(abort.Reason))
            {
                return WireStatus.ProtocolAborted;
            }

            Services.Guard.Condemn(Share.KeyId, abort.Reason);
            return WireStatus.SetupCompromised;
        }

        /// <inheritdoc />
        protected sealed override void WipeRequest()
        {
            Wipe.Bytes(_hash);
        }

        private byte[] Out(int round, byte[] message)
        {
            return Relay == null ? message : Relay.Seal(round, message);
        }
    }
}
