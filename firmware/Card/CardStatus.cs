using CardFirmware.Card.Session;

namespace CardFirmware.Card
{
    /// <summary>
    /// The value of the readable status characteristic, so a phone can see what the card is doing
    /// before (and without) a secure channel. Public facts only:
    /// <code>version(1) = 1 | session state(1) | flags(1: bit0 bonded phone exists, bit1 storage damaged)</code>
    /// The damage bit tells the owner's phone why it is refused (a damaged bond list reads as no
    /// bonded phone: a touch re-bonds it) before it has any channel to ask.
    /// </summary>
    public static class CardStatus
    {
        /// <summary>Flags bit: at least one phone is bonded.</summary>
        public const int FlagBonded = 1;

        /// <summary>Flags bit: a record the card needs is damaged.</summary>
        public const int FlagStorageDamaged = 2;

        /// <summary>Builds the status bytes.</summary>
        public static byte[] Encode(SessionState state, bool hasBond, bool storageDamaged)
        {
            return new byte[] { 1, (byte)state, (byte)((hasBond ? FlagBonded : 0) | (storageDamaged ? FlagStorageDamaged : 0)) };
        }
    }
}
