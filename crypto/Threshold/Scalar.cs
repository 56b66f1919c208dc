namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// An integer modulo the secp256k1 group order n, eight 32-bit limbs little-endian, always reduced.
    /// Operations return new scalars (the protocol code reads like the paper); <see cref="Clear"/> wipes.
    /// </summary>
    /// <remarks>Security: arithmetic is branch-free in the values (see <see cref="Mod256"/>); secret scalars are wiped by their owners.</remarks>
    internal sealed class Scalar
    {
        private static readonly uint[] HalfOrder = { 0x681B20A0, 0xDFE92F46, 0x57A4501D, 0x5D576E73, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x7FFFFFFF };

        private readonly uint[] limbs;

        private Scalar(uint[] limbs)
        {
            this.limbs = limbs;
        }

        /// <summary>0.</summary>
        public static Scalar Zero()
        {
            return new Scalar(new uint[8]);
        }

        /// <summary>1.</summary>
        public static Scalar One()
        {
            return FromInt(1);
        }

        /// <summary>The small integer <paramref name="v"/> modulo n (negative values wrap).</summary>
        public static Scalar FromInt(int v)
        {
            uint[] l = new uint[8];
            l[0] = (uint)(v < 0 ? -v : v);
            Scalar s = new Scalar(l);
            return v < 0 ? s.Negate() : s;
        }

        /// <summary>Reads 32 big-endian bytes; null when the value is not below n.</summary>
        public static Scalar FromBytesStrict(byte[] b, int offset)
        {
            uint[] l = Load(b, offset);
            if (Mod256.N.NotBelowMask(l) != 0)
            {
                return null;
            }

            return new Scalar(l);
        }

        /// <summary>Reads 32 big-endian bytes reduced modulo n (for hash outputs).</summary>
        public static Scalar FromBytesReduced(byte[] b, int offset)
        {
            uint[] l = Load(b, offset);
            Mod256.N.ReduceOnce(l, l);
            return new Scalar(l);
        }

        /// <summary>A uniformly random nonzero scalar (rejection sampling on 32 random bytes).</summary>
        public static Scalar Random(IRandomSource random)
        {
            byte[] b = new byte[32];
            try
            {
                while (true)
                {
                    random.Fill(b, 0, 32);
                    Scalar s = FromBytesStrict(b, 0);
                    if (s != null && !s.IsZero)
                    {
                        return s;
                    }
                }
            }
            finally
            {
                Wipe.Bytes(b);
            }
        }

        /// <summary>Returns <paramref name="a"/> when <paramref name="bit"/> is 1, <paramref name="b"/> when 0, without branching.</summary>
        public static Scalar Select(int bit, Scalar a, Scalar b)
        {
            uint mask = 0u - (uint)(bit & 1);
            uint[] l = new uint[8];
            for (int i = 0; i < 8; i++)
            {
                l[i] = (a.limbs[i] & mask) | (b.limbs[i] & ~mask);
            }

            return new Scalar(l);
        }

        /// <summary>True for 0.</summary>
        public bool IsZero
        {
            get
            {
                uint acc = 0;
                for (int i = 0; i < 8; i++)
                {
                    acc |= limbs[i];
                }

                return acc == 0;
            }
        }

        /// <summary>True when the value exceeds n/2 (an ECDSA s that must be negated for low-S).</summary>
        public bool IsHigh
        {
            get
            {
                ulong borrow = 0;
                for (int i = 0; i < 8; i++)
                {
                    ulong d = (ulong)HalfOrder[i] - limbs[i] - borrow;
                    borrow = (d >> 63) & 1;
                }

                return borrow != 0;
            }
        }

        internal uint[] Limbs
        {
            get { return limbs; }
        }

        /// <summary>this + o.</summary>
        public Scalar Add(Scalar o)
        {
            uint[] r = new uint[8];
            Mod256.N.Add(r, limbs, o.limbs);
            return new Scalar(r);
        }

        /// <summary>this − o.</summary>
        public Scalar Sub(Scalar o)
        {
            uint[] r = new uint[8];
            Mod256.N.Sub(r, limbs, o.limbs);
            return new Scalar(r);
        }

        /// <summary>this · o.</summary>
        public Scalar Mul(Scalar o)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarMultiplications++;
            }

            uint[] r = new uint[8];
            Mod256.N.Mul(r, limbs, o.limbs);
            return new Scalar(r);
        }

        /// <summary>−this.</summary>
        public Scalar Negate()
        {
            uint[] r = new uint[8];
            Mod256.N.Sub(r, new uint[8], limbs);
            return new Scalar(r);
        }

        /// <summary>this^−1 (0 maps to 0).</summary>
        public Scalar Inverse()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarInversions++;
            }

            uint[] r = new uint[8];
            Mod256.N.Invert(r, limbs);
            return new Scalar(r);
        }

        /// <summary>Writes the 32-byte big-endian encoding at <paramref name="offset"/>.</summary>
        public void WriteTo(byte[] b, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                uint v = limbs[7 - i];
                b[offset + (4 * i)] = (byte)(v >> 24);
                b[offset + (4 * i) + 1] = (byte)(v >> 16);
                b[offset + (4 * i) + 2] = (byte)(v >> 8);
                b[offset + (4 * i) + 3] = (byte)v;
            }
        }

        /// <summary>Wipes the value (it reads as 0 afterwards).</summary>
        public void Clear()
        {
            Wipe.Words(limbs);
        }

        /// <summary>Returns "&lt;redacted&gt;".</summary>
        public override string ToString()
        {
            return "<redacted>";
        }

        internal static Scalar FromLimbs(uint[] l)
        {
            return new Scalar(l);
        }

        internal static uint[] Load(byte[] b, int offset)
        {
            uint[] l = new uint[8];
            for (int i = 0; i < 8; i++)
            {
                int p = offset + (4 * (7 - i));
                l[i] = ((uint)b[p] << 24) | ((uint)b[p + 1] << 16) | ((uint)b[p + 2] << 8) | b[p + 3];
            }

            return l;
        }
    }
}
