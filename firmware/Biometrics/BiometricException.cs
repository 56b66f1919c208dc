namespace CardFirmware.Biometrics
{
    /// <summary>A typed refusal of the biometric layer; never carries biometric data.</summary>
    public sealed class BiometricException : System.Exception
    {
        /// <summary>Creates the exception for <paramref name="error"/>.</summary>
        public BiometricException(BiometricError error)
            : base("Biometric error")
        {
            Error = error;
        }

        /// <summary>What went wrong.</summary>
        public BiometricError Error { get; private set; }
    }
}
