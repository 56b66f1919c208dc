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

        /// <summary>Failed finger touches in a row (4 bytes, big-endian); written before each touch is evaluated.</summary>
        public const int FailedTouches = 4;

        /// <summary>The wrapped key share: version(1) | nonce(12) | ChaCha20-Poly1305 ciphertext and tag.</summary>
        public const int WrappedShare = 5;

        /// <summary>Public helper data of the enrolled finger (the fuzzy extractor's sketch).</summary>
        public const int FingerHelperData = 6;

        /// <summary>The wallet's public facts: joint public key(33) | chain code(32). Written before the share.</summary>
        public const int WalletPublic = 7;

        /// <summary>Present while a factory reset is under way (1 byte); boot finishes an interrupted reset.</summary>
        public const int ResetPending = 8;

        /// <summary>
        /// Threshold sessions begun (8 bytes, big-endian): raised and written before the card's contribution to a
        /// session id leaves it, so that no two of its sessions share an id. Survives a factory reset.
        /// </summary>
        public const int SessionCounter = 16;

        /// <summary>
        /// The signing setup a detected cheat condemned: key id(32) | reason(1) (a ThresholdError value).
        /// Written before the card answers the cheating message; signing is refused while it stands.
        /// </summary>
        public const int CompromisedSetup = 17;
    }
}
