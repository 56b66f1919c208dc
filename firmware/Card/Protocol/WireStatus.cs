namespace CardFirmware.Card.Protocol
{
    /// <summary>Status byte of every reply. The phone shows a message for each non-zero value.</summary>
    public enum WireStatus
    {
        /// <summary>Success; the payload is the command's result.</summary>
        Ok = 0x00,

        /// <summary>The request's version byte is not one this firmware speaks.</summary>
        UnsupportedVersion = 0x01,

        /// <summary>No handler for this command code.</summary>
        UnknownCommand = 0x02,

        /// <summary>A field has the wrong length or an out-of-range value.</summary>
        MalformedRequest = 0x03,

        /// <summary>The command is not allowed in the card's current state.</summary>
        NotAllowedNow = 0x04,

        /// <summary>No finger touched the card before the request's timeout.</summary>
        NoFinger = 0x10,

        /// <summary>The touch did not match the enrolled finger; one attempt was counted.</summary>
        FingerNotRecognized = 0x11,

        /// <summary>The capture was empty, partial or smeared; touch again (not counted).</summary>
        PoorCapture = 0x12,

        /// <summary>Too many failed touches in a row: the card is locked.</summary>
        Locked = 0x13,

        /// <summary>No finger is enrolled yet.</summary>
        NotEnrolled = 0x14,

        /// <summary>No wallet exists yet, or one already exists where a new one was asked for.</summary>
        WalletState = 0x15,

        /// <summary>The threshold protocol aborted (a bad or tampered message from the peer).</summary>
        ProtocolAborted = 0x16,

        /// <summary>The fingerprint sensor did not answer as its sheet says (hardware fault); nothing was changed.</summary>
        SensorFault = 0x17,

        /// <summary>A finger is already enrolled: enrolling again needs a factory reset first.</summary>
        AlreadyEnrolled = 0x18,

        /// <summary>
        /// A record the command needs is damaged on flash (a wallet record of the wrong length, a
        /// share without its public record, a share that no longer opens for the recognised finger).
        /// Nothing was changed; a factory reset with the owner's touch is the way back.
        /// </summary>
        StorageDamaged = 0x19,

        /// <summary>
        /// A check of the phone's protocol messages failed (OT-extension, multiplication or DKLs23 consistency
        /// check) and the card recorded it: the wallet's signing setup refuses to sign until a refresh with fresh
        /// base OTs, also after a reboot. A factory reset still works.
        /// </summary>
        SetupCompromised = 0x1A,

        /// <summary>A certificate chain that does not certify this card's identity key up to the vendor root; nothing stored.</summary>
        CertificateRejected = 0x1B,

        /// <summary>The card holds no vendor certificate (it was never provisioned by the factory).</summary>
        NotCertified = 0x1C,

        /// <summary>A firmware update refused: bad vendor signature, a version not above the card's, or an image whose hash differs; the old firmware stays.</summary>
        UpdateRejected = 0x1D,

        /// <summary>
        /// The enrolled finger did not confirm: too few of the confirmation touches after enrollment
        /// unlocked the new helper data (<see cref="Finger.EnrollmentConfirmation"/>). Nothing was stored;
        /// enroll again, or enroll another finger.
        /// </summary>
        EnrollmentNotConfirmed = 0x1E,

        /// <summary>The card failed internally; stored state is unchanged.</summary>
        InternalError = 0x7F,
    }
}
