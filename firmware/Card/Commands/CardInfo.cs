namespace CardFirmware.Card.Commands
{
    /// <summary>The public facts about the card that <see cref="GetInfoHandler"/> reports.</summary>
    public sealed class CardInfo
    {
        /// <summary>Firmware version, major.</summary>
        public const byte FirmwareMajor = 0;

        /// <summary>Firmware version, minor.</summary>
        public const byte FirmwareMinor = 1;

        /// <summary>The card's static identity public key, compressed secp256k1 (33 bytes).</summary>
        public byte[] IdentityPublicKey;

        /// <summary>True once a finger is enrolled.</summary>
        public bool Enrolled;

        /// <summary>True once a wallet (key share) exists.</summary>
        public bool HasWallet;

        /// <summary>
        /// True while a record the card needs is damaged (bond list, wallet records, any record
        /// the log found changed after it was committed), or boot could not read its storage.
        /// </summary>
        public bool StorageDamaged;
    }
}
