namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The phone's view of the security provider ("Hybrid"): the third party of a 2-of-3 wallet (card = party 1,
/// phone = party 2, provider = party 3), reached over the network. The phone drives every protocol run: it
/// opens a session, then relays round by round the card's and its own messages to the provider and the
/// provider's messages back. Messages are the threshold parties' own wire bytes (<c>DkgParty</c>,
/// <c>SignParty</c>), opaque here.
/// </summary>
/// <remarks>
/// Every call is idempotent: the same <see cref="ProviderSession.Handle"/> and round number return the same
/// reply, so a retry after a lost reply is safe and never makes the provider run a round twice. The
/// provider refuses with <see cref="ProviderRefusedException"/> (policy, authentication, replay, rate limit,
/// an unknown or finished session); implementations authenticate every request with the wallet's
/// enrolled keys, which is why the interface carries no credentials.
/// </remarks>
public interface IProviderParty
{
    /// <summary>
    /// The provider's static public key (33 bytes, compressed). The card stores it with a 2-of-3 wallet and seals
    /// every message it exchanges with the provider under ECDH(card identity key, this key) and the session id
    /// (firmware/Channel/Relay/RelaySeal): the slots of the card (party 1) in <see cref="Round"/>'s inbox and
    /// outbox are sealed that way, the phone's are plain.
    /// </summary>
    byte[] PublicKey { get; }

    /// <summary>
    /// Opens a session and returns the provider's session-id contribution
    /// (<c>JointSessionId.ContributionBytes</c> bytes).
    /// </summary>
    byte[] Open(ProviderSession session);

    /// <summary>
    /// Delivers the provider's inbox of <paramref name="round"/> and returns its outbox. Both are indexed by
    /// party number − 1 (three slots; the provider's own slot and a non-participant's are null). Round 1's
    /// inbox carries every participant's session-id contribution in slot order; the provider fixes the joint
    /// session id from them and answers with its first protocol messages. A round after which the provider
    /// sends nothing returns three null slots.
    /// </summary>
    byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox);

    /// <summary>Abandons a session; the provider wipes its party. Idempotent.</summary>
    void Abort(byte[] handle);
}
