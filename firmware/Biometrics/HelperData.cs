namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The public helper data of an enrolled finger: a fuzzy vault. Layout (version 1, big-endian):
    /// <c>version(1) | k(1) | n(2) | salt(16) | check(32) | n × (x(3) | y(4))</c>,
    /// x strictly increasing (sorting hides which points are genuine), y &lt; 2^31 - 1.
    /// </summary>
    /// <remarks>
    /// Parsing checks every field and throws <see cref="BiometricException"/> (HelperDataVersion,
    /// HelperDataMalformed) before any of it is used. Public: it holds no key and no minutia
    /// position, only triangle codes hidden among chaff and points of a secret polynomial.
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
        public readonly uint[] X = new uint[MaxPoints];
        public readonly uint[] Y = new uint[MaxPoints];
        public int K;
        public int Count;

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

        /// <summary>Parses <paramref name="bytes"/> into this instance, validating every field.</summary>
        public void Parse(byte[] bytes)
        {
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

            K = k;
            Count = count;
            System.Array.Copy(bytes, 4, Salt, 0, SaltLength);
            System.Array.Copy(bytes, 4 + SaltLength, Check, 0, CheckLength);
            for (int i = 0; i < count; i++)
            {
                int at = HeaderLength + (i * PointLength);
                uint x = ((uint)bytes[at] << 16) | ((uint)bytes[at + 1] << 8) | bytes[at + 2];
                uint y = ((uint)bytes[at + 3] << 24) | ((uint)bytes[at + 4] << 16) | ((uint)bytes[at + 5] << 8) | bytes[at + 6];
                if (y >= PrimeField.P || (i > 0 && x <= X[i - 1]))
                {
                    Clear();
                    throw new BiometricException(BiometricError.HelperDataMalformed);
                }

                X[i] = x;
                Y[i] = y;
            }
        }

        /// <summary>Zeroes the parsed copy.</summary>
        public void Clear()
        {
            System.Array.Clear(Salt, 0, SaltLength);
            System.Array.Clear(Check, 0, CheckLength);
            System.Array.Clear(X, 0, X.Length);
            System.Array.Clear(Y, 0, Y.Length);
            K = 0;
            Count = 0;
        }

        public bool IsClear()
        {
            return K == 0 && Count == 0 && Workspace.AllZero(Salt) && Workspace.AllZero(Check) && Workspace.AllZero(X) && Workspace.AllZero(Y);
        }
    }
}
