namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Why a threshold protocol session aborted. Carried by <see cref="ThresholdException"/>.</summary>
    public enum ThresholdError
    {
        /// <summary>A message is shorter or longer than its round requires, or a field is out of range.</summary>
        MalformedMessage = 1,

        /// <summary>The wire format version byte is not one this code speaks.</summary>
        UnsupportedVersion = 2,

        /// <summary>The message belongs to another session (session id differs): replayed or misrouted.</summary>
        WrongSession = 3,

        /// <summary>The message is for another protocol, round, sender or addressee than expected (reordered or substituted).</summary>
        UnexpectedMessage = 4,

        /// <summary>A revealed value does not open the commitment sent in an earlier round.</summary>
        CommitmentMismatch = 5,

        /// <summary>A Schnorr proof of knowledge of a discrete logarithm does not verify.</summary>
        InvalidProof = 6,

        /// <summary>A Feldman share does not match the dealer's polynomial commitments.</summary>
        InvalidShare = 7,

        /// <summary>An encoded point is not on the curve or is the point at infinity.</summary>
        InvalidPoint = 8,

        /// <summary>An encoded scalar is not below the group order.</summary>
        InvalidScalar = 9,

        /// <summary>The KOS consistency check of the OT extension failed.</summary>
        OtExtensionCheckFailed = 10,

        /// <summary>The RVOLE (two-party multiplication) consistency check failed.</summary>
        MultiplicationCheckFailed = 11,

        /// <summary>DKLs23's check that the multiplication inputs match the committed nonce and key share failed.</summary>
        ConsistencyCheckFailed = 12,

        /// <summary>The parties did not see the same public values (echo/confirmation check failed).</summary>
        TranscriptMismatch = 13,

        /// <summary>The peer signs with a key share of another key or another refresh epoch.</summary>
        KeyMismatch = 14,

        /// <summary>The combined signature does not verify under the public key.</summary>
        InvalidSignature = 15,

        /// <summary>A round was called out of order, twice, or after the session ended.</summary>
        InvalidState = 16,

        /// <summary>A stored key share blob is malformed or of an unknown version.</summary>
        InvalidKeyShare = 17,

        /// <summary>The caller's parameters (party indices, signer set, path) are not valid.</summary>
        InvalidParameters = 18,

        /// <summary>The base-OT seed confirmation of the key generation failed (the pair's OT setup is inconsistent).</summary>
        BaseOtCheckFailed = 19,
    }
}
