using CardFirmware.Card.Session;

namespace CardFirmware.Card
{
    /// <summary>Told of every session state change (the simulator front end draws it; the card's LED follows it).</summary>
    public delegate void CardStateChangedHandler(SessionState state, SessionEnd lastEnd);
}
