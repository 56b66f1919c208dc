namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Why a capture was refused before any key work; the phone shows a matching hint ("press the
    /// whole finger", "clean the sensor", ...). Values are stable: they travel on the wire.
    /// </summary>
    public enum QualityError
    {
        /// <summary>The capture is usable.</summary>
        None = 0,

        /// <summary>No finger on the sensor: almost no skin texture anywhere.</summary>
        Empty = 1,

        /// <summary>Only part of the window is covered by the finger (less than the required area).</summary>
        Partial = 2,

        /// <summary>The finger is there but ridges barely stand out from valleys (dry, too light a press).</summary>
        LowContrast = 3,

        /// <summary>Ridges have no consistent direction over much of the finger (wet, smeared, moved).</summary>
        Smeared = 4,

        /// <summary>The ridge pattern was readable but gave too few minutiae to build or open a template.</summary>
        TooFewFeatures = 5,
    }
}
