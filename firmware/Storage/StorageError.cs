namespace CardFirmware.Storage
{
    /// <summary>
    /// Why a storage operation was refused. Values are fixed so that they can be mapped to wire
    /// error codes; new members are appended, never renumbered.
    /// </summary>
    public enum StorageError
    {
        /// <summary>The live records, with the new value in place of the old one, do not fit in one area.</summary>
        Full = 1,

        /// <summary>
        /// A committed structure failed its check (a record whose header checksum is valid but
        /// whose fields are impossible, or a live record whose checksum no longer matches).
        /// </summary>
        Corrupt = 2,

        /// <summary>A value is longer than <see cref="RecordLog.MaxValueLength"/> or than one area can hold.</summary>
        TooLarge = 3,

        /// <summary>An argument is null or a range is outside its buffer or value.</summary>
        InvalidArgument = 4,

        /// <summary>The flash geometry or the partition given to the log cannot hold it.</summary>
        BadGeometry = 5,

        /// <summary>The key has no live value.</summary>
        NotFound = 6,
    }
}
