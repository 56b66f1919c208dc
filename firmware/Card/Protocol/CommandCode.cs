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

        /// <summary>2-of-3 key generation with the phone and the security provider, one round per request (Hybrid/HybridCreateHandler).</summary>
        HybridCreateWallet = 0x14,

        /// <summary>2-of-3 signing with a chosen peer, the phone or the provider (relayed), one round per request; the first needs a touch.</summary>
        HybridSign = 0x15,

        /// <summary>2-of-3 key refresh with the phone and the provider, one round per request; the first needs a touch.</summary>
        HybridRefresh = 0x16,

        /// <summary>2-of-3 recovery of a lost card (onto this card) or a lost phone, one round per request (Hybrid/HybridRecoverHandler).</summary>
        HybridRecover = 0x17,

        /// <summary>The owner's signed approval of a provider request, after a touch (Hybrid/ApproveHandler).</summary>
        HybridApprove = 0x18,

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
