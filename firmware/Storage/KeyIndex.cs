namespace CardFirmware.Storage
{
    /// <summary>
    /// A RAM index of the log: for each key, the flash address of one record and its value
    /// length. The log keeps two: the live keys (newest committed record) and the damaged keys
    /// (newest committed record, changed since). Parallel arrays with linear search: the card keeps tens of
    /// keys, not thousands, and nanoFramework 1.x has no generic dictionary.
    /// </summary>
    internal sealed class KeyIndex
    {
        private int[] _keys = new int[16];
        private int[] _addresses = new int[16];
        private int[] _lengths = new int[16];
        private int _count;

        /// <summary>Number of live keys.</summary>
        internal int Count
        {
            get { return _count; }
        }

        /// <summary>The position of <paramref name="key"/>, or -1.</summary>
        internal int Find(int key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        internal int KeyAt(int slot)
        {
            return _keys[slot];
        }

        internal int AddressAt(int slot)
        {
            return _addresses[slot];
        }

        internal int LengthAt(int slot)
        {
            return _lengths[slot];
        }

        /// <summary>Records that <paramref name="key"/> now lives at <paramref name="address"/>.</summary>
        internal void Set(int key, int address, int length)
        {
            int slot = Find(key);
            if (slot < 0)
            {
                if (_count == _keys.Length)
                {
                    Grow();
                }

                slot = _count;
                _count++;
                _keys[slot] = key;
            }

            _addresses[slot] = address;
            _lengths[slot] = length;
        }

        /// <summary>Moves the record of the key in <paramref name="slot"/> (compaction).</summary>
        internal void SetAddressAt(int slot, int address)
        {
            _addresses[slot] = address;
        }

        /// <summary>Forgets <paramref name="key"/>; returns false if it was not live.</summary>
        internal bool Remove(int key)
        {
            int slot = Find(key);
            if (slot < 0)
            {
                return false;
            }

            _count--;
            _keys[slot] = _keys[_count];
            _addresses[slot] = _addresses[_count];
            _lengths[slot] = _lengths[_count];
            return true;
        }

        private void Grow()
        {
            int size = _keys.Length * 2;
            _keys = Resize(_keys, size);
            _addresses = Resize(_addresses, size);
            _lengths = Resize(_lengths, size);
        }

        private static int[] Resize(int[] old, int size)
        {
            int[] grown = new int[size];
            System.Array.Copy(old, 0, grown, 0, old.Length);
            return grown;
        }
    }
}
