namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// Keys of the card's records in the flash record log. Values are persistent: never
    /// renumber, only append.
    /// </summary>
    public static class StorageKeys
    {
        /// <summary>The card's static identity private key (32 bytes): the Noise responder key.</summary>
        public const int IdentityPrivateKey = 1;

        /// <summary>The device secret (32 bytes) mixed into every key derived from a finger.</summary>
        public const int DeviceSecret = 2;

        /// <summary>The bonded phones: count(1) then 33-byte compressed static keys.</summary>
        public const int BondedPhones = 3;
    }
}
