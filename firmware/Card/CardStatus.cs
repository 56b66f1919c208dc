using CardFirmware.Card.Session;

namespace CardFirmware.Card
{
    /// <summary>
    /// The value of the readable status characteristic, so a phone can see what the card is doing
    /// before (and without) a secure channel. Public facts only:
    /// <code>version(1) = 1 | session state(1) | flags(1: bit0 bonded phone exists)</code>
    /// </summary>
    public static class CardStatus
    {
        /// <summary>Builds the status bytes.</summary>
        public static byte[] Encode(SessionState state, bool hasBond)
        {
            return new byte[] { 1, (byte)state, (byte)(hasBond ? 1 : 0) };
        }
    }
}
