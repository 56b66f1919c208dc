namespace CardFirmware.Biometrics
{
    /// <summary>What a touch gave when the finger key was to be reproduced.</summary>
    public enum ReproduceOutcome
    {
        /// <summary>The enrolled finger: the key is in the caller's buffer.</summary>
        Reproduced = 0,

        /// <summary>The capture was refused by the quality gate (see <see cref="FingerKeyExtractor.LastQuality"/>); nothing was compared.</summary>
        PoorCapture = 1,

        /// <summary>Another finger, or the enrolled one too far off: no key.</summary>
        NotRecognized = 2,
    }
}
