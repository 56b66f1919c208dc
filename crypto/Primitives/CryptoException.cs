namespace CardFirmware.Crypto
{
    /// <summary>
    /// The one exception type thrown by the crypto layer for bad input. It carries a
    /// <see cref="CryptoError"/> so callers can map it to a protocol error without parsing text.
    /// </summary>
    /// <remarks>Security: messages are fixed strings and never contain key or data bytes.</remarks>
    public sealed class CryptoException : System.Exception
    {
        /// <summary>Creates an exception with a fixed message describing <paramref name="error"/>.</summary>
        public CryptoException(CryptoError error)
            : base(Describe(error))
        {
            Error = error;
        }

        /// <summary>Creates an exception with a caller-supplied fixed message (no secret data).</summary>
        public CryptoException(CryptoError error, string message)
            : base(message)
        {
            Error = error;
        }

        /// <summary>The reason the operation was refused.</summary>
        public CryptoError Error { get; }

        private static string Describe(CryptoError error)
        {
            switch (error)
            {
                case CryptoError.InvalidLength: return "Invalid buffer length, offset or count.";
                case CryptoError.InvalidKey: return "Invalid key.";
                case CryptoError.InvalidPoint: return "Invalid curve point.";
                case CryptoError.InvalidSignature: return "Invalid signature.";
                case CryptoError.InvalidEncoding: return "Invalid encoding.";
                case CryptoError.AuthenticationFailed: return "Authentication failed.";
                case CryptoError.ZeroScalar: return "Scalar is zero.";
                case CryptoError.NullBuffer: return "Required buffer is null.";
                case CryptoError.Disposed: return "Object has been disposed.";
                case CryptoError.ReseedRequired: return "Generator must be reseeded.";
                default: return "Cryptographic operation failed.";
            }
        }
    }
}
