namespace CardFirmware.Biometrics
{
    /// <summary>Why enrollment or helper data was refused.</summary>
    public enum BiometricError
    {
        /// <summary>Helper data that does not parse: wrong length, out-of-range field, unsorted points.</summary>
        HelperDataMalformed = 1,

        /// <summary>Helper data of a format version this firmware does not know.</summary>
        HelperDataVersion = 2,

        /// <summary>Enrollment was finished before <see cref="FingerKeyExtractor.RequiredTouches"/> touches were accepted.</summary>
        EnrollmentIncomplete = 3,

        /// <summary>The touches agreed on too few features to lock a key: enroll again.</summary>
        NotDistinctive = 4,

        /// <summary>An argument of the wrong size (frame, key or entropy buffer).</summary>
        BadArgument = 5,
    }
}
