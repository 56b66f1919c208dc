namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The public helper data of an enrolled finger: a fuzzy vault. Layout (version 1, big-endian):
    /// <c>version(1) | k(1) | n(2) | salt(16) | check(32) | n × (x(3) | y(4))</c>,
    /// x strictly increasing (sorting hides which points are genuine), y &lt; 2^31 - 1.
    /// </summary>
    /// <remarks>
    /// Parsing checks every field and throws <see cref="BiometricException"/> (HelperDataVersion,
    /// HelperDataMalformed) before any of it is used. A parsed vault is not copied into RAM: its
    /// points are read from the <see cref="IHelperDataSource"/> (the card's flash) through a window
    /// of <see cref="WindowPoints"/> points (<see cref="PointX"/>, <see cref="PointY"/>), and every
    /// window loaded is checked again as it is read, so a source that changed after parsing fails as
    /// malformed instead of feeding unchecked values to the decoder. Only
    /// <see cref="FuzzyVault.Lock"/> builds point tables (<see cref="BeginBuild"/>), during an
    /// enrollment. Public: it holds no key and no minutia position, only triangle codes hidden among
    /// chaff and points of a secret polynomial.
    /// </remarks>
    internal sealed class HelperData
    {
        public const byte Version = 1;
        public const int SaltLength = 16;
        public const int CheckLength = 32;
        public const int HeaderLength = 4 + SaltLength + CheckLength;
        public const int PointLength = 7;
        public const int MinK = 8;
        public const int MaxK = 40;
        public const int MaxPoints = 1700;

        /// <summary>Points read from the source at a time (112 bytes; the window also takes the 52-byte header).</summary>
        public const int WindowPoints = 16;

        public readonly byte[] Salt = new byte[SaltLength];
        public readonly byte[] Check = new byte[CheckLength];

        /// <summary>Points being locked (x, y), allocated by <see cref="BeginBuild"/>; null otherwise.</summary>
        public uint[] X;

        /// <summary>See <see cref="X"/>.</summary>
        public uint[] Y;

        public int K;
        public int Count;

        private readonly byte[] _window = new byte[WindowPoints * PointLength];
        private readonly ArrayHelperDataSource _array = new ArrayHelperDataSource();
        private IHelperDataSource _source;
        private int _points;
        private int _windowStart;
        private int _windowCount;
        private uint _windowLastX;

        /// <summary>Allocates the point tables a lock fills (an enrollment's; <see cref="Clear"/> drops them).</summary>
        public void BeginBuild()
        {
            Clear();
            X = new uint[MaxPoints];
            Y = new uint[MaxPoints];
        }

        /// <summary>The x of point i: from the tables being built, or from the parsed source.</summary>
        public uint PointX(int i)
        {
            if (X != null)
            {
                return X[i];
            }

            int at = Locate(i);
            return ((uint)_window[at] << 16) | ((uint)_window[at + 1] << 8) | _window[at + 2];
        }

        /// <summary>The y of point i: from the tables being built, or from the parsed source.</summary>
        public uint PointY(int i)
        {
            if (Y != null)
            {
                return Y[i];
            }

            return WindowY(Locate(i));
        }

        /// <summary>
        /// The window of up to <see cref="WindowPoints"/> points from point <paramref name="first"/> on,
        /// 7 bytes apiece as in the serialized layout, in <see cref="Window"/> (read from the source and
        /// checked, or written from the tables being built); returns how many it holds.
        /// </summary>
        /// <exception cref="BiometricException">BadArgument for a point out of range; HelperDataMalformed as <see cref="PointX"/>.</exception>
        public int LoadWindow(int first)
        {
            if (first < 0 || first >= Count)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            int n = Count - first < WindowPoints ? Count - first : WindowPoints;
            if (X != null)
            {
                for (int j = 0; j < n; j++)
                {
                    int at = j * PointLength;
                    uint x = X[first + j];
                    uint y = Y[first + j];
                    _window[at] = (byte)(x >> 16);
                    _window[at + 1] = (byte)(x >> 8);
                    _window[at + 2] = (byte)x;
                    _window[at + 3] = (byte)(y >> 24);
                    _window[at + 4] = (byte)(y >> 16);
                    _window[at + 5] = (byte)(y >> 8);
                    _window[at + 6] = (byte)y;
                }

                return n;
            }

            if (_windowStart != first || _windowCount != n)
            {
                Load(first, WindowPoints);
            }

            return _windowCount;
        }

        /// <summary>The point window <see cref="LoadWindow"/> filled (public data; wiped by <see cref="Clear"/>).</summary>
        public byte[] Window
        {
            get { return _window; }
        }

        /// <summary>Serializes the vault (points must already be sorted by x).</summary>
        public byte[] ToBytes()
        {
            byte[] bytes = new byte[HeaderLength + (Count * PointLength)];
            bytes[0] = Version;
            bytes[1] = (byte)K;
            bytes[2] = (byte)(Count >> 8);
            bytes[3] = (byte)Count;
            System.Array.Copy(Salt, 0, bytes, 4, SaltLength);
            System.Array.Copy(Check, 0, bytes, 4 + SaltLength, CheckLength);
            for (int i = 0; i < Count; i++)
            {
                int at = HeaderLength + (i * PointLength);
                bytes[at] = (byte)(X[i] >> 16);
                bytes[at + 1] = (byte)(X[i] >> 8);
                bytes[at + 2] = (byte)X[i];
                bytes[at + 3] = (byte)(Y[i] >> 24);
                bytes[at + 4] = (byte)(Y[i] >> 16);
                bytes[at + 5] = (byte)(Y[i] >> 8);
                bytes[at + 6] = (byte)Y[i];
            }

            return bytes;
        }

        /// <summary>Parses helper data held in one array (which must stay unchanged until <see cref="Clear"/>).</summary>
        public void Parse(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            Clear();
            _array.Attach(bytes);
            ParseSource(_array);
        }

        /// <summary>
        /// Parses the helper data of <paramref name="source"/> into this instance, validating every
        /// field; the points stay in the source and are read again through the window.
        /// </summary>
        public void Parse(IHelperDataSource source)
        {
            Clear();
            ParseSource(source);
        }

        private void ParseSource(IHelperDataSource source)
        {
            int length = source == null ? -1 : source.Length;
            if (length < HeaderLength)
            {
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            source.Read(0, _window, 0, HeaderLength);
            if (_window[0] != Version)
            {
                Clear();
                throw new BiometricException(BiometricError.HelperDataVersion);
            }

            int k = _window[1];
            int count = (_window[2] << 8) | _window[3];
            if (k < MinK || k > MaxK || count <= k || count > MaxPoints || length != HeaderLength + (count * PointLength))
            {
                Clear();
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            System.Array.Copy(_window, 4, Salt, 0, SaltLength);
            System.Array.Copy(_window, 4 + SaltLength, Check, 0, CheckLength);
            System.Array.Clear(_window, 0, _window.Length);
            _source = source;
            _points = count;
            for (int first = 0; first < count; first += WindowPoints)
            {
                Load(first, WindowPoints);
            }

            K = k;
            Count = count;
        }

        /// <summary>Zeroes the parsed header, wipes and drops the point tables, forgets the source.</summary>
        public void Clear()
        {
            System.Array.Clear(Salt, 0, SaltLength);
            System.Array.Clear(Check, 0, CheckLength);
            System.Array.Clear(_window, 0, _window.Length);
            if (X != null)
            {
                System.Array.Clear(X, 0, X.Length);
                System.Array.Clear(Y, 0, Y.Length);
            }

            X = null;
            Y = null;
            _array.Detach();
            _source = null;
            _points = 0;
            _windowStart = 0;
            _windowCount = 0;
            _windowLastX = 0;
            K = 0;
            Count = 0;
        }

        public bool IsClear()
        {
            return K == 0 && Count == 0 && X == null && Y == null && _source == null && _array.Length < 0
                && Workspace.AllZero(Salt) && Workspace.AllZero(Check) && Workspace.AllZero(_window);
        }

        // Offset in the window of point i, loading the window that starts at i if it does not hold it.
        private int Locate(int i)
        {
            if (_source == null || i < 0 || i >= _points)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            if (i < _windowStart || i >= _windowStart + _windowCount)
            {
                // A pass through the points reads whole windows; a jump (an attempt's random subset)
                // reads the one point, so that sixteen attempts cost 7 bytes a point, not 112.
                Load(i, i == 0 || i == _windowStart + _windowCount ? WindowPoints : 1);
            }

            return (i - _windowStart) * PointLength;
        }

        // Reads points [first, first + points) (cut at the end) and checks them: y < p, x strictly
        // increasing (across windows too when this one follows the last one loaded).
        private void Load(int first, int points)
        {
            int n = _points - first < points ? _points - first : points;
            bool follows = _windowCount > 0 && first == _windowStart + _windowCount;
            uint previous = _windowLastX;
            _windowCount = 0;
            _source.Read(HeaderLength + (first * PointLength), _window, 0, n * PointLength);
            for (int j = 0; j < n; j++)
            {
                int at = j * PointLength;
                uint x = ((uint)_window[at] << 16) | ((uint)_window[at + 1] << 8) | _window[at + 2];
                if (WindowY(at) >= PrimeField.P || ((j > 0 || follows) && x <= previous))
                {
                    Clear();
                    throw new BiometricException(BiometricError.HelperDataMalformed);
                }

                previous = x;
            }

            _windowStart = first;
            _windowCount = n;
            _windowLastX = previous;
        }

        private uint WindowY(int at)
        {
            return ((uint)_window[at + 3] << 24) | ((uint)_window[at + 4] << 16) | ((uint)_window[at + 5] << 8) | _window[at + 6];
        }
    }
}
