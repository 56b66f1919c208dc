using CardFirmware.Biometrics;
using CardFirmware.Storage;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The enrolled finger's helper data read straight from its flash record, a few points at a
    /// time, so that a touch never holds the 9,012 bytes in RAM (<see cref="IHelperDataSource"/>).
    /// </summary>
    /// <remarks>Public data: nothing to wipe. A short read means the record is damaged.</remarks>
    public sealed class RecordHelperData : IHelperDataSource
    {
        private readonly RecordLog _log;
        private readonly int _key;

        /// <summary>Reads the value of record <paramref name="key"/> of <paramref name="log"/>.</summary>
        public RecordHelperData(RecordLog log, int key)
        {
            _log = log;
            _key = key;
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _log.GetLength(_key); }
        }

        /// <inheritdoc />
        /// <exception cref="StorageException">Corrupt if the record holds fewer bytes than asked for; NotFound if it is gone.</exception>
        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (_log.Read(_key, offset, buffer, bufferOffset, count) != count)
            {
                throw new StorageException(StorageError.Corrupt);
            }
        }
    }
}
