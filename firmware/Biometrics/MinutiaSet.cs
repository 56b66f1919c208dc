namespace CardFirmware.Biometrics
{
    /// <summary>
    /// A fixed-capacity list of minutiae in structure-of-arrays form: position in frame pixels,
    /// direction in [0, 2π) and type. Positions and types are bytes (a frame is 192 pixels wide),
    /// which read as ints in any arithmetic.
    /// </summary>
    /// <remarks>Security: biometric; wiped by <see cref="Clear"/>.</remarks>
    internal sealed class MinutiaSet
    {
        /// <summary>Type code of a ridge ending (crossing number 1).</summary>
        public const int Ending = 1;

        /// <summary>Type code of a bifurcation (crossing number 3).</summary>
        public const int Bifurcation = 3;

        /// <summary>Column of each minutia (0..255).</summary>
        public readonly byte[] X;

        /// <summary>Row of each minutia (0..255).</summary>
        public readonly byte[] Y;

        /// <summary>Type of each minutia (<see cref="Ending"/> or <see cref="Bifurcation"/>).</summary>
        public readonly byte[] Type;

        /// <summary>
        /// Direction of each minutia, radians in [0, 2π): the ridge orientation, with the sense of
        /// the ridge-ending / lone-bifurcation-branch convention (see <see cref="MinutiaExtractor"/>),
        /// which endings and bifurcations that swap with pressure share.
        /// </summary>
        public readonly float[] Angle;

        /// <summary>Local orientation coherence at each minutia, used to keep the most reliable ones.</summary>
        public readonly float[] Reliability;

        /// <summary>Number of valid entries.</summary>
        public int Count;

        /// <summary>Creates an empty set with room for <paramref name="capacity"/> minutiae.</summary>
        public MinutiaSet(int capacity)
        {
            X = new byte[capacity];
            Y = new byte[capacity];
            Type = new byte[capacity];
            Angle = new float[capacity];
            Reliability = new float[capacity];
        }

        /// <summary>Room in the set.</summary>
        public int Capacity
        {
            get { return X.Length; }
        }

        /// <summary>Appends one minutia (x and y in 0..255, else BadArgument); returns false when full.</summary>
        public bool Add(int x, int y, int type, float angle, float reliability)
        {
            if (Count >= X.Length)
            {
                return false;
            }

            if (x < 0 || x > 255 || y < 0 || y > 255 || type < 0 || type > 255)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            X[Count] = (byte)x;
            Y[Count] = (byte)y;
            Type[Count] = (byte)type;
            Angle[Count] = angle;
            Reliability[Count] = reliability;
            Count++;
            return true;
        }

        /// <summary>Moves entry <paramref name="from"/> to slot <paramref name="to"/>.</summary>
        public void Move(int from, int to)
        {
            X[to] = X[from];
            Y[to] = Y[from];
            Type[to] = Type[from];
            Angle[to] = Angle[from];
            Reliability[to] = Reliability[from];
        }

        /// <summary>Zeroes every entry and the count.</summary>
        public void Clear()
        {
            CardFirmware.Crypto.Wipe.Bytes(X);
            CardFirmware.Crypto.Wipe.Bytes(Y);
            CardFirmware.Crypto.Wipe.Bytes(Type);
            Workspace.WipeFloats(Angle);
            Workspace.WipeFloats(Reliability);
            Count = 0;
        }

        /// <summary>True if every entry is zero.</summary>
        public bool IsClear()
        {
            return Count == 0 && Workspace.AllZero(X) && Workspace.AllZero(Y) && Workspace.AllZero(Type)
                && Workspace.AllZero(Angle) && Workspace.AllZero(Reliability);
        }
    }
}
