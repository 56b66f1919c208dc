using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// A round command that runs a <see cref="DkgParty"/> (key generation, refresh, recovery), 2-of-2 or 2-of-3:
    /// round 1 is the handler's <see cref="RoundCommandHandler.Begin"/>, which ends in <see cref="Start"/>; rounds 2
    /// and 3 take the peers' previous messages and reply the card's next ones; round 4 finishes the party and hands
    /// the card's new share to <see cref="Finish"/>, then the run ends. The peers' messages are wiped after each round
    /// (round-2 messages carry secret polynomial shares).
    /// </summary>
    public abstract class KeyGenerationHandler : PartyRoundHandler
    {
        /// <summary>Creates the handler over the card's wallet services.</summary>
        protected KeyGenerationHandler(WalletServices services)
            : base(services)
        {
        }

        /// <summary>Runs <paramref name="party"/> and returns the card's first reply: <paramref name="cardContribution"/> | its round-1 message(s).</summary>
        protected byte[] Start(DkgParty party, byte[] cardContribution)
        {
            Party = party;
            return new FirstRoundReply(cardContribution, Send(1, party.Start())).Encode();
        }

        /// <inheritdoc />
        protected sealed override byte[] Continue(int round, byte[] request, int offset, int length)
        {
            DkgParty party = (DkgParty)Party;
            byte[] body = CopyBody(request, offset, length);
            byte[][] messages = null;
            try
            {
                messages = Receive(round - 1, body);
                if (round == 2)
                {
                    return Send(2, party.Round2(messages));
                }

                if (round == 3)
                {
                    return Send(3, party.Round3(messages));
                }

                KeyShare share = party.Finish(messages);
                try
                {
                    return Finish(share);
                }
                finally
                {
                    share.Clear();
                    EndSession();
                }
            }
            finally
            {
                Wipe.Bytes(body);
                for (int i = 0; messages != null && i < messages.Length; i++)
                {
                    Wipe.Bytes(messages[i]);
                }
            }
        }

        /// <summary>Stores the card's new <paramref name="share"/> (cleared afterwards) and returns the last reply.</summary>
        protected abstract byte[] Finish(KeyShare share);
    }
}
