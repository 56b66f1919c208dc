namespace CardFirmware.Storage
{
    /// <summary>
    /// The one exception type thrown by the storage layer. It carries a <see cref="StorageError"/>
    /// so callers can map it to a protocol error without parsing text.
    /// </summary>
    /// <remarks>Security: messages are fixed strings and never contain stored bytes.</remarks>
    public sealed class StorageException : System.Exception
    {
        /// <summary>Creates an exception with a fixed message describing <paramref name="error"/>.</summary>
        public StorageException(StorageError error)
            : base(Describe(error))
        {
            Error = error;
        }

        /// <summary>The reason the operation was refused.</summary>
        public StorageError Error { get; }

        private static string Describe(StorageError error)
        {
            switch (error)
            {
                case StorageError.Full: return "Storage is full.";
                case StorageError.Corrupt: return "Stored data is corrupt.";
                case StorageError.TooLarge: return "Value is too large.";
                case StorageError.InvalidArgument: return "Invalid argument.";
                case StorageError.BadGeometry: return "Flash partition cannot hold a record log.";
                case StorageError.NotFound: return "Key not found.";
                default: return "Storage operation failed.";
            }
        }
    }
}
