namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// A run's path to a peer the card reaches only through the phone (the 2-of-3 wallet's provider,
    /// <c>Hybrid/ProviderRelay</c>): what the card sends that peer is sealed, what it receives is opened.
    /// </summary>
    /// <remarks>Security: plaintexts given to <see cref="Reply"/> and <see cref="Seal"/> are wiped once sealed; opened messages are the caller's to wipe.</remarks>
    public interface IPeerRelay : System.IDisposable
    {
        /// <summary>The round's reply of a three-party run: the outbox's message for the phone and the sealed one for the relayed peer (peer order 2, 3).</summary>
        byte[] Reply(int round, byte[][] outbox);

        /// <summary>The peers' messages of <paramref name="round"/> from a request body: the phone's as sent, the relayed peer's opened.</summary>
        /// <exception cref="CardFirmware.Crypto.Threshold.ThresholdException">MalformedMessage.</exception>
        byte[][] Inbox(int round, byte[] body);

        /// <summary>Seals the card's message of <paramref name="round"/> for the relayed peer, then wipes the plaintext.</summary>
        byte[] Seal(int round, byte[] message);

        /// <summary>Opens the relayed peer's message of <paramref name="round"/>.</summary>
        /// <exception cref="CardFirmware.Crypto.Threshold.ThresholdException">MalformedMessage when it does not open.</exception>
        byte[] Open(int round, byte[] sealedMessage);
    }
}
