namespace CardFirmware.Channel.Noise
{
    /// <summary>
    /// Why the secure channel refused a handshake message or a transport message. The handshake
    /// reasons follow the failure cases of BOLT #8 Appendix A (ACT1_READ_FAILED, ACT1_BAD_VERSION,
    /// ...). Values are fixed; new members are appended, never renumbered.
    /// </summary>
    public enum ChannelError
    {
        /// <summary>Act one is not exactly 50 bytes.</summary>
        ActOneReadFailed = 1,

        /// <summary>Act one's version byte is not 0.</summary>
        ActOneBadVersion = 2,

        /// <summary>Act one's ephemeral key is not a valid compressed secp256k1 point.</summary>
        ActOneBadPublicKey = 3,

        /// <summary>Act one's tag does not verify (wrong responder static key, or tampering).</summary>
        ActOneBadTag = 4,

        /// <summary>Act two is not exactly 50 bytes.</summary>
        ActTwoReadFailed = 5,

        /// <summary>Act two's version byte is not 0.</summary>
        ActTwoBadVersion = 6,

        /// <summary>Act two's ephemeral key is not a valid compressed secp256k1 point.</summary>
        ActTwoBadPublicKey = 7,

        /// <summary>Act two's tag does not verify.</summary>
        ActTwoBadTag = 8,

        /// <summary>Act three is not exactly 66 bytes.</summary>
        ActThreeReadFailed = 9,

        /// <summary>Act three's version byte is not 0.</summary>
        ActThreeBadVersion = 10,

        /// <summary>Act three's encrypted static key does not verify.</summary>
        ActThreeBadCiphertext = 11,

        /// <summary>Act three's decrypted static key is not a valid compressed secp256k1 point.</summary>
        ActThreeBadPublicKey = 12,

        /// <summary>Act three's final tag does not verify.</summary>
        ActThreeBadTag = 13,

        /// <summary>A step was called out of order, twice, or after the machine failed or was disposed.</summary>
        WrongState = 14,

        /// <summary>A configured key (own static private key, peer's static public key) is invalid.</summary>
        InvalidConfiguredKey = 15,

        /// <summary>The entropy source did not yield a valid ephemeral private key.</summary>
        EntropyFailure = 16,

        /// <summary>A transport plaintext is longer than 65535 bytes or than the caller's limit.</summary>
        MessageTooLarge = 17,

        /// <summary>A transport message is shorter than 34 bytes or its length disagrees with its decrypted length prefix.</summary>
        TransportBadLength = 18,

        /// <summary>A transport message's length prefix failed its MAC (tampered, replayed or reordered).</summary>
        TransportBadLengthTag = 19,

        /// <summary>A transport message's body failed its MAC.</summary>
        TransportBadBodyTag = 20,

        /// <summary>An output buffer is too small for the result.</summary>
        BufferTooSmall = 21,
    }
}
