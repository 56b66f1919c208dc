namespace CardFirmware.Crypto
{
    /// <summary>
    /// Why a cryptographic operation refused its input. Values are fixed so that they can be
    /// mapped to wire error codes; new members are appended, never renumbered.
    /// </summary>
    public enum CryptoError
    {
        /// <summary>A buffer, offset, count or requested output length is out of range.</summary>
        InvalidLength = 1,

        /// <summary>A key is malformed or outside the valid range for its algorithm.</summary>
        InvalidKey = 2,

        /// <summary>An encoded curve point is not on the curve or not canonical.</summary>
        InvalidPoint = 3,

        /// <summary>A signature is malformed or does not verify.</summary>
        InvalidSignature = 4,

        /// <summary>An encoding (prefix byte, field element, scalar) is not canonical.</summary>
        InvalidEncoding = 5,

        /// <summary>An authentication tag or MAC did not match.</summary>
        AuthenticationFailed = 6,

        /// <summary>A scalar that must be non-zero was zero (or reduced to zero).</summary>
        ZeroScalar = 7,

        /// <summary>A required buffer argument was null.</summary>
        NullBuffer = 8,

        /// <summary>An object was used after <c>Dispose</c> wiped its key material.</summary>
        Disposed = 9,

        /// <summary>A deterministic generator must be reseeded before it may produce more output.</summary>
        ReseedRequired = 10,

        /// <summary>The known-answer self-test of the primitives failed: no key may be used.</summary>
        SelfTestFailed = 11,
    }
}
