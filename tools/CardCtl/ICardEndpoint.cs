using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// The card one cardctl run talks to: simulated in this process from the state file's memory
/// (<see cref="CardHost"/>), or in CardSim behind the TCP bridge (<see cref="BridgeEndpoint"/>).
/// </summary>
internal interface ICardEndpoint
{
    /// <summary>
    /// One phone session: connect, Noise XK handshake as <paramref name="phoneKey"/> towards
    /// <paramref name="cardKey"/>, <paramref name="work"/>, disconnect. <paramref name="finger"/> is the
    /// simulated holder's finger where this process holds the card (a bridge's holder is CardSim's operator).
    /// Each request is announced to <paramref name="progress"/> first.
    /// </summary>
    T Session<T>(byte[] phoneKey, byte[] cardKey, int finger, Action<string> progress, Func<CardClient, T> work);

    /// <summary>Writes the card's non-volatile memory into <paramref name="state"/> (nothing for a card behind a bridge).</summary>
    void Keep(CardState state);

    /// <summary>The card's estimated time for this run's work, or null where the card runs in another process.</summary>
    string? CardTimeLine(bool touchesEnroll, int enrollmentsCompleted = 0, int walletCreations = 0, int signatures = 0);

    /// <summary>Touches the card evaluated in its life (its one-way counter), or null where it is not readable from here.</summary>
    long? TouchesEvaluated { get; }
}
