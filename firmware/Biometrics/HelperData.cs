namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The public helper data of an enrolled finger: a fuzzy vault. Layout (version 1, big-endian):
    /// <c>version(1) | k(1) | n(2) | salt(16) | check(32) | n × (x(3) | y(4))</c>,
    /// x strictly increasing (sorting hides which points are genuine), y &lt; 2^31 - 1.
    /// </summary>
    /// <remarks>
    /// Parsing checks every field and throws <see cref="BiometricException"/> (HelperDataVersion,
    /// HelperDataMalformed) before any of it is used. A parsed vault reads its points from the
    /// parsed bytes (<see cref="PointX"/>, <see cref="PointY"/>) rather than copying them into
    /// 8 KB of tables; only <see cref="FuzzyVault.Lock"/> builds tables (<see cref="BeginBuild"/>),
    /// during an enrollment. Public: it holds no key and no minutia position, only triangle codes
    /// hidden among chaff and points of a secret polynomial.
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
        public const int MaxPoints = 1024;

        public readonly byte[] Salt = new byte[SaltLength];
        public readonly byte[] Check = new byte[CheckLength];

        /// <summary>Points being locked (x, y), allocated by <see cref="BeginBuild"/>; null otherwise.</summary>
        public uint[] X;

        /// <summary>See <see cref="X"/>.</summary>
        public uint[] Y;

        public int K;
        public int Count;

        // The bytes Parse validated (the caller's, public), or null.
        private byte[] _parsed;

        /// <summary>Allocates the point tables a lock fills (an enrollment's; <see cref="Clear"/> drops them).</summary>
        public void BeginBuild()
        {
            Clear();
            X = new uint[MaxPoints];
            Y = new uint[MaxPoints];
        }

        /// <summary>The x of point i: from the tables being built, or from the parsed bytes.</summary>
        public uint PointX(int i)
        {
            if (X != null)
            {
                return X[i];
            }

            int at = HeaderLength + (i * PointLength);
            return ((uint)_parsed[at] << 16) | ((uint)_parsed[at + 1] << 8) | _parsed[at + 2];
        }

        /// <summary>The y of point i: from the tables being built, or from the parsed bytes.</summary>
        public uint PointY(int i)
        {
            if (Y != null)
            {
                return Y[i];
            }

            int at = HeaderLength + (i * PointLength) + 3;
            return ((uint)_parsed[at] << 24) | ((uint)_parsed[at + 1] << 16) | ((uint)_parsed[at + 2] << 8) | _parsed[at + 3];
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

        /// <summary>
        /// Parses <paramref name="bytes"/> into this instance, validating every field; the points stay
        /// in <paramref name="bytes"/>, which the caller must leave unchanged until <see cref="Clear"/>.
        /// </summary>
        public void Parse(byte[] bytes)
        {
            Clear();
            if (bytes == null || bytes.Length < HeaderLength)
            {
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            if (bytes[0] != Version)
            {
                throw new BiometricException(BiometricError.HelperDataVersion);
            }

            int k = bytes[1];
            int count = (bytes[2] << 8) | bytes[3];
            if (k < MinK || k > MaxK || count <= k || count > MaxPoints || bytes.Length != HeaderLength + (count * PointLength))
            {
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            _parsed = bytes;
            uint previous = 0;
            for (int i = 0; i < count; i++)
            {
                uint x = PointX(i);
                if (PointY(i) >= PrimeField.P || (i > 0 && x <= previous))
                {
                    Clear();
                    throw new BiometricException(BiometricError.HelperDataMalformed);
                }

                previous = x;
            }

            K = k;
            Count = count;
            System.Array.Copy(bytes, 4, Salt, 0, SaltLength);
            System.Array.Copy(bytes, 4 + SaltLength, Check, 0, CheckLength);
        }

        /// <summary>Zeroes the parsed header, wipes and drops the point tables, forgets the parsed bytes.</summary>
        public void Clear()
        {
            System.Array.Clear(Salt, 0, SaltLength);
            System.Array.Clear(Check, 0, CheckLength);
            if (X != null)
            {
                System.Array.Clear(X, 0, X.Length);
                System.Array.Clear(Y, 0, Y.Length);
            }

            X = null;
            Y = null;
            _parsed = null;
            K = 0;
            Count = 0;
        }

        public bool IsClear()
        {
            return K == 0 && Count == 0 && X == null && Y == null && _parsed == null && Workspace.AllZero(Salt) && Workspace.AllZero(Check);
        }
    }
}
