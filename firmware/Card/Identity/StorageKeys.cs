namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// Keys of the card's records in the flash record log. Values are persistent: never
    /// renumber, only append; a retired key is never used for anything else.
    /// </summary>
    public static class StorageKeys
    {
        /// <summary>
        /// Retired: the identity private key in the clear, written by firmware before the keys were
        /// hardware-bound. Boot erases it (<see cref="RetiredRecords"/>); nothing reads it.
        /// </summary>
        public const int RetiredIdentityPrivateKey = 1;

        /// <summary>Retired: the device secret in the clear (as <see cref="RetiredIdentityPrivateKey"/>).</summary>
        public const int RetiredDeviceSecret = 2;

        /// <summary>The bonded phones: count(1) then 33-byte compressed static keys.</summary>
        public const int BondedPhones = 3;

        /// <summary>Retired: the failed-touch count on flash alone, which a rewritten flash image reset.</summary>
        public const int RetiredFailedTouches = 4;

        /// <summary>The wrapped key share: version(1) | nonce(12) | ChaCha20-Poly1305 ciphertext and tag.</summary>
        public const int WrappedShare = 5;

        /// <summary>Public helper data of the enrolled finger (the fuzzy extractor's sketch).</summary>
        public const int FingerHelperData = 6;

        /// <summary>The wallet's public facts: joint public key(33) | chain code(32). Written before the share.</summary>
        public const int WalletPublic = 7;

        /// <summary>Present while a factory reset is under way (1 byte); boot finishes an interrupted reset.</summary>
        public const int ResetPending = 8;

        /// <summary>
        /// The touch counter's base: the one-way counter's value at the last success,
        /// base(4, big-endian) | tag(32) under the eFuse HMAC key (see <see cref="KeyStore.TouchCounter"/>).
        /// </summary>
        public const int TouchBase = 9;

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

        /// <summary>The card's certificate chain from the factory (Attestation/CardCertificate); public. A factory reset keeps it.</summary>
        public const int CertificateChain = 18;

        /// <summary>The active firmware slot: slot(1) | version(4) | length(4) | SHA-256(32) (Update/FirmwareSlots). A factory reset keeps it.</summary>
        public const int ActiveFirmware = 19;

        /// <summary>The security provider's static public key(33) of a 2-of-3 wallet (Hybrid/ProviderKeyRecord); written before the wallet's records.</summary>
        public const int HybridProvider = 20;
    }
}
