using CardFirmware.Card.Identity;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// One run's path to the provider through the phone: seals what the card sends the provider and opens what
    /// the provider sent, under the run's <see cref="RelaySeal"/> (card identity key × provider key, session id).
    /// A message that does not open (the phone changed, replayed or invented it) aborts the run as
    /// MalformedMessage blamed on the provider's slot (3): the card cannot tell the relay from the provider.
    /// </summary>
    /// <remarks>Security: plaintexts given to <see cref="Reply"/> are wiped once sealed; opened messages are the caller's to wipe.</remarks>
    public sealed class ProviderRelay : IPeerRelay
    {
        /// <summary>The provider's party number.</summary>
        public const int ProviderParty = 3;

        private readonly RelaySeal _seal;

        private ProviderRelay(RelaySeal seal)
        {
            _seal = seal;
        }

        /// <summary>
        /// The relay of run <paramref name="sessionId"/> to the provider with static key <paramref name="providerKey"/>
        /// (33), or null if that key is not a valid point.
        /// </summary>
        public static ProviderRelay Open(IChannelCurve curve, CardIdentity identity, byte[] providerKey, byte[] sessionId)
        {
            RelaySeal seal = RelaySeal.Derive(curve, identity.PrivateKey, providerKey, sessionId, true);
            return seal == null ? null : new ProviderRelay(seal);
        }

        /// <summary>The round's reply of a three-party run: the outbox's message for the phone and the sealed one for the provider (peer order 2, 3).</summary>
        public byte[] Reply(int round, byte[][] outbox)
        {
            byte[] sealedMessage = Seal(round, outbox[1]);
            byte[] body = RelayFrames.Join(outbox[0], sealedMessage);
            Wipe.Bytes(outbox[0]);
            return body;
        }

        /// <summary>The peers' messages of <paramref name="round"/> from a request body: the phone's as sent, the provider's opened.</summary>
        /// <exception cref="ThresholdException">MalformedMessage.</exception>
        public byte[][] Inbox(int round, byte[] body)
        {
            byte[][] frames = RelayFrames.Split(body);
            byte[] fromProvider = Open(round, frames[1]);
            Wipe.Bytes(frames[1]);
            frames[1] = fromProvider;
            return frames;
        }

        /// <summary>Seals the card's message of <paramref name="round"/> for the provider, then wipes the plaintext.</summary>
        public byte[] Seal(int round, byte[] message)
        {
            byte[] sealedMessage = _seal.Seal(round, message);
            Wipe.Bytes(message);
            return sealedMessage;
        }

        /// <summary>Opens the provider's message of <paramref name="round"/>.</summary>
        /// <exception cref="ThresholdException">MalformedMessage (culprit 3) when it does not open.</exception>
        public byte[] Open(int round, byte[] sealedMessage)
        {
            byte[] message = _seal.Open(round, sealedMessage);
            if (message == null)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, ProviderParty);
            }

            return message;
        }

        /// <summary>Wipes the run's keys.</summary>
        public void Dispose()
        {
            _seal.Dispose();
        }
    }
}
