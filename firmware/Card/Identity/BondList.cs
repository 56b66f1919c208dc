using CardFirmware.Crypto;
using CardFirmware.Storage;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// The phones bonded to this card, by their Noise static public keys (33 bytes, compressed).
    /// Stored as one record so that adding or removing a phone is a single atomic write:
    /// <code>count(1) | key(33) * count</code>
    /// </summary>
    public sealed class BondList
    {
        /// <summary>Size of one phone key.</summary>
        public const int KeySize = 33;

        private readonly RecordLog _log;
        private readonly int _capacity;
        private byte[] _keys;
        private int _count;

        /// <summary>Loads the list from <paramref name="log"/>; a malformed record is corrupt storage.</summary>
        public BondList(RecordLog log, int capacity)
        {
            _log = log;
            _capacity = capacity;
            _keys = new byte[capacity * KeySize];
            if (log.Contains(StorageKeys.BondedPhones))
            {
                byte[] stored = log.Get(StorageKeys.BondedPhones);
                int count = stored.Length > 0 ? stored[0] : -1;
                if (count < 0 || count > capacity || stored.Length != 1 + (count * KeySize))
                {
                    throw new StorageException(StorageError.Corrupt);
                }

                System.Array.Copy(stored, 1, _keys, 0, count * KeySize);
                _count = count;
            }
        }

        /// <summary>Number of bonded phones.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True once the list is full: a new phone must replace one by unpairing first.</summary>
        public bool IsFull
        {
            get { return _count >= _capacity; }
        }

        /// <summary>True if <paramref name="phoneKey"/> (33 bytes) is bonded.</summary>
        public bool Contains(byte[] phoneKey)
        {
            return IndexOf(phoneKey) >= 0;
        }

        /// <summary>Bonds <paramref name="phoneKey"/> (persisted before returning). False if full; true if already bonded.</summary>
        public bool Add(byte[] phoneKey)
        {
            if (IndexOf(phoneKey) >= 0)
            {
                return true;
            }

            if (IsFull)
            {
                return false;
            }

            System.Array.Copy(phoneKey, 0, _keys, _count * KeySize, KeySize);
            _count++;
            Persist();
            return true;
        }

        /// <summary>Removes <paramref name="phoneKey"/> (persisted before returning); false if it was not bonded.</summary>
        public bool Remove(byte[] phoneKey)
        {
            int index = IndexOf(phoneKey);
            if (index < 0)
            {
                return false;
            }

            int last = _count - 1;
            System.Array.Copy(_keys, last * KeySize, _keys, index * KeySize, KeySize);
            System.Array.Clear(_keys, last * KeySize, KeySize);
            _count = last;
            Persist();
            return true;
        }

        /// <summary>Forgets every phone in memory (after <see cref="KeyStore.FactoryReset"/> erased the record).</summary>
        public void ForgetAll()
        {
            System.Array.Clear(_keys, 0, _keys.Length);
            _count = 0;
        }

        private int IndexOf(byte[] phoneKey)
        {
            if (phoneKey == null || phoneKey.Length != KeySize)
            {
                return -1;
            }

            for (int i = 0; i < _count; i++)
            {
                if (ConstantTime.AreEqual(_keys, i * KeySize, phoneKey, 0, KeySize))
                {
                    return i;
                }
            }

            return -1;
        }

        private void Persist()
        {
            byte[] record = new byte[1 + (_count * KeySize)];
            record[0] = (byte)_count;
            System.Array.Copy(_keys, 0, record, 1, _count * KeySize);
            _log.Put(StorageKeys.BondedPhones, record);
        }
    }
}
