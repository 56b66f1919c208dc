namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// Commands the phone sends inside the secure channel. Values are wire values (one byte);
    /// a reply carries the same code with <see cref="WireFormat.ReplyFlag"/> set.
    /// </summary>
    public enum CommandCode
    {
        /// <summary>Card identity, firmware version, state, battery.</summary>
        GetInfo = 0x01,

        /// <summary>Echoes its payload: link and channel check.</summary>
        Ping = 0x02,

        /// <summary>Enrollment of the owner's finger, one touch per request (see EnrollHandler).</summary>
        Enroll = 0x03,

        /// <summary>Distributed key generation with the phone, one round per request (after a touch at the end).</summary>
        CreateWallet = 0x10,

        /// <summary>The wallet's public key and chain code, or a non-hardened child's.</summary>
        GetPublicKey = 0x11,

        /// <summary>Threshold signing of a hash, one round per request; the first needs a touch.</summary>
        Sign = 0x12,

        /// <summary>Key refresh with the phone (new shares and base OTs, same key), one round per request; the first needs a touch.</summary>
        Refresh = 0x13,

        /// <summary>Removes the calling phone from the card's bond list.</summary>
        Unpair = 0x20,

        /// <summary>Erases wallet, finger and bonds (after a touch unless the card is locked); the identity key stays.</summary>
        FactoryReset = 0x21,

        /// <summary>Proves the card genuine: its certificate chain and a signature over the phone's nonce (Attestation/AttestHandler).</summary>
        Attest = 0x30,

        /// <summary>The factory installs the card's certificate chain; refused unless it certifies this card up to the pinned vendor root.</summary>
        InstallCertificate = 0x31,

        /// <summary>Starts a firmware update: the signed manifest; the inactive slot is erased (Update/UpdateBeginHandler).</summary>
        UpdateBegin = 0x32,

        /// <summary>One block of the update image, in order (Update/UpdateDataHandler).</summary>
        UpdateData = 0x33,

        /// <summary>Verifies the written image and, after the owner's touch, activates it (Update/UpdateActivateHandler).</summary>
        UpdateActivate = 0x34,
    }
}
