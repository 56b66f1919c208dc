using CardFirmware.Crypto;
using CardFirmware.Storage;

namespace CardFirmware.Card.Identity
{
    /// <summary>
    /// The phones bonded to this card, by their Noise static public keys (33 bytes, compressed).
    /// Stored as one record so that adding or removing a phone is a single atomic write:
    /// <code>count(1) | key(33) * count</code>
    /// A record the log reports damaged, or one whose count and length do not agree, is not read
    /// as an empty list (which would let the next phone bond as if the card were new): the list
    /// is <see cref="IsDamaged"/>, holds no phone, and the next <see cref="Add"/> replaces it.
    /// </summary>
    public sealed class BondList
    {
        /// <summary>Size of one phone key.</summary>
        public const int KeySize = 33;

        private readonly RecordLog _log;
        private readonly int _capacity;
        private byte[] _keys;
        private int _count;
        private bool _damaged;

        /// <summary>
        /// Loads the list from <paramref name="log"/>. Never throws on what the record holds: a
        /// damaged or malformed record leaves the list empty and <see cref="IsDamaged"/>.
        /// </summary>
        public BondList(RecordLog log, int capacity)
        {
            _log = log;
            _capacity = capacity;
            _keys = new byte[capacity * KeySize];
            if (log.IsDamaged(StorageKeys.BondedPhones))
            {
                _damaged = true;
                return;
            }

            if (log.Contains(StorageKeys.BondedPhones))
            {
                byte[] stored = log.Get(StorageKeys.BondedPhones);
                int count = stored.Length > 0 ? stored[0] : -1;
                if (count < 0 || count > capacity || stored.Length != 1 + (count * KeySize))
                {
                    _damaged = true;
                    return;
                }

                System.Array.Copy(stored, 1, _keys, 0, count * KeySize);
                _count = count;
            }
        }

        /// <summary>
        /// True while the stored list is damaged: no phone counts as bonded, and the bonding policy
        /// must not take the empty list for a new card's.
        /// </summary>
        public bool IsDamaged
        {
            get { return _damaged; }
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

        /// <summary>
        /// Bonds <paramref name="phoneKey"/> (persisted before returning). False if full; true if
        /// already bonded. On a damaged list the new list holds this phone only.
        /// </summary>
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
            _damaged = false;
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
            _damaged = false;
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
