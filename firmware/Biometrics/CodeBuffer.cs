namespace CardFirmware.Biometrics
{
    /// <summary>
    /// A buffer of feature codes (each below 2^24, see <see cref="TripletEncoder.CodeSpace"/>) kept as
    /// three big-endian bytes apiece, in storage of its own or in a borrowed byte array. The extractor
    /// borrows the capture's frame once its minutiae are out: the frame's 36,864 bytes hold the 8,192
    /// codes a capture may yield (24,576 bytes), so no 32 KB uint buffer stays on the heap.
    /// </summary>
    /// <remarks>
    /// Invariant: index i lives in storage[3i .. 3i + 2] and i &lt; <see cref="Length"/>.
    /// Security: codes are biometric; the owner of the storage wipes it (<see cref="Wipe"/> for own storage).
    /// </remarks>
    internal sealed class CodeBuffer
    {
        /// <summary>Bytes one code takes.</summary>
        public const int BytesPerCode = 3;

        /// <summary>Largest code a buffer stores (2^24 - 1).</summary>
        public const uint MaxCode = 0xFFFFFF;

        private byte[] _storage;
        private int _length;

        /// <summary>A buffer with storage of its own for <paramref name="length"/> codes.</summary>
        public CodeBuffer(int length)
        {
            _storage = new byte[length * BytesPerCode];
            _length = length;
        }

        /// <summary>A buffer with no storage until <see cref="Attach"/>.</summary>
        public CodeBuffer()
        {
        }

        /// <summary>Capacity in codes.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>The storage (own or borrowed; null when detached): code i in bytes 3i .. 3i + 2, for the native kernels.</summary>
        internal byte[] Storage
        {
            get { return _storage; }
        }

        /// <summary>True while the buffer has storage.</summary>
        public bool HasStorage
        {
            get { return _storage != null; }
        }

        /// <summary>Code i (0 &lt;= i &lt; <see cref="Length"/>); a stored value must not exceed <see cref="MaxCode"/>.</summary>
        public uint this[int i]
        {
            get
            {
                int at = i * BytesPerCode;
                return ((uint)_storage[at] << 16) | ((uint)_storage[at + 1] << 8) | _storage[at + 2];
            }

            set
            {
                if (value > MaxCode || i >= _length)
                {
                    throw new BiometricException(BiometricError.BadArgument);
                }

                int at = i * BytesPerCode;
                _storage[at] = (byte)(value >> 16);
                _storage[at + 1] = (byte)(value >> 8);
                _storage[at + 2] = (byte)value;
            }
        }

        /// <summary>
        /// Borrows <paramref name="storage"/> (at least 3 x <paramref name="length"/> bytes) for <paramref name="length"/> codes,
        /// or the native module's resident frame when <paramref name="storage"/> is its zero-length handle: the codes then live
        /// in the module, only the native code kernels reach them, and the frame's own wipe covers them.
        /// </summary>
        public void Attach(byte[] storage, int length)
        {
            if (storage == null || (storage.Length != 0 && storage.Length < length * BytesPerCode))
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _storage = storage;
            _length = length;
        }

        /// <summary>Gives borrowed storage back (its owner wipes it).</summary>
        public void Detach()
        {
            _storage = null;
            _length = 0;
        }

        /// <summary>Zeroes codes [0, <see cref="Length"/>) (resident codes: the frame's wipe does).</summary>
        public void Wipe()
        {
            if (_storage != null && _storage.Length != 0)
            {
                System.Array.Clear(_storage, 0, _length * BytesPerCode);
            }
        }

        /// <summary>True if the buffer has no storage of its own or only zero codes.</summary>
        public bool IsClear()
        {
            if (_storage == null || _storage.Length == 0)
            {
                return true;
            }

            for (int i = 0; i < _length * BytesPerCode; i++)
            {
                if (_storage[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
