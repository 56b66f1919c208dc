using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The secp256k1 backend every point operation of the threshold protocols goes through
    /// (crypto/Secp256k1's <see cref="ISecp256k1Backend"/>): the managed reference by default, a native
    /// module on the card when present.
    /// </summary>
    public static class CurveBackend
    {
        private static ISecp256k1Backend current = ManagedSecp256k1Backend.Instance;
        private static Ecdsa verifier = new Ecdsa(current);

        /// <summary>The backend in use. Setting it affects every party created afterwards.</summary>
        /// <exception cref="ThresholdException">InvalidParameters for null.</exception>
        public static ISecp256k1Backend Current
        {
            get
            {
                return current;
            }

            set
            {
                if (value == null)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                current = value;
                verifier = new Ecdsa(value);
            }
        }

        /// <summary>The project's ECDSA verifier over the current backend.</summary>
        internal static Ecdsa Verifier
        {
            get { return verifier; }
        }
    }
}
