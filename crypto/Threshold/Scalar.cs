namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// An integer modulo the secp256k1 group order n, eight 32-bit limbs little-endian, always reduced.
    /// Two forms of every operation: <c>Add</c>, <c>Mul</c>... return a new scalar (for public values,
    /// where the protocol code then reads like the paper); <c>SetAdd</c>, <c>SetMul</c>... overwrite this
    /// scalar in place and are the only ones used on secrets, so that no intermediate of secret arithmetic
    /// is left in an array nobody wipes. <see cref="Clear"/> wipes.
    /// </summary>
    /// <remarks>
    /// Security: arithmetic is branch-free in the values (see <see cref="Mod256"/>); secret scalars are wiped
    /// by their owners; products run in a work buffer from <see cref="NewWork"/> that the caller allocates
    /// once per round and wipes in a finally block (the allocating forms wipe their own). A scalar handed
    /// out by another object (a key share's, a cached gadget's) is never the target of a <c>Set</c> method.
    /// </remarks>
    internal sealed class Scalar
    {
        private static readonly uint[] HalfOrder = { 0x681B20A0, 0xDFE92F46, 0x57A4501D, 0x5D576E73, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x7FFFFFFF };

        private readonly uint[] _limbs;

        private Scalar(uint[] limbs)
        {
            _limbs = limbs;
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
                // A rejected candidate may still be secret (a nonce draw, a damaged share).
                Wipe.Words(l);
                return null;
            }

            return new Scalar(l);
        }

        /// <summary>Reads 32 big-endian bytes reduced modulo n (for hash outputs).</summary>
        public static Scalar FromBytesReduced(byte[] b, int offset)
        {
            Scalar r = Zero();
            r.SetBytesReduced(b, offset);
            return r;
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

        /// <summary>A work buffer for <see cref="SetMul"/> and <see cref="SetInverse"/>: allocate once per round, wipe with <see cref="Wipe.Words"/>.</summary>
        public static uint[] NewWork()
        {
            return new uint[Mod256.WorkWords];
        }

        /// <summary>Returns <paramref name="a"/> when <paramref name="bit"/> is 1, <paramref name="b"/> when 0, without branching.</summary>
        public static Scalar Select(int bit, Scalar a, Scalar b)
        {
            Scalar r = Zero();
            r.SetSelect(bit, a, b);
            return r;
        }

        /// <summary>a·b + c as a new scalar, with no intermediate left unwiped (for secret operands).</summary>
        public static Scalar MulAdd(Scalar a, Scalar b, Scalar c)
        {
            Scalar r = Zero();
            uint[] work = NewWork();
            try
            {
                r.SetMul(a, b, work);
                r.SetAdd(r, c);
                return r;
            }
            finally
            {
                Wipe.Words(work);
            }
        }

        /// <summary>a·b + c·d as a new scalar, with no intermediate left unwiped (for secret operands).</summary>
        public static Scalar MulSum(Scalar a, Scalar b, Scalar c, Scalar d)
        {
            Scalar r = Zero();
            Scalar t = Zero();
            uint[] work = NewWork();
            try
            {
                r.SetMul(a, b, work);
                t.SetMul(c, d, work);
                r.SetAdd(r, t);
                return r;
            }
            finally
            {
                t.Clear();
                Wipe.Words(work);
            }
        }

        /// <summary>True for 0.</summary>
        public bool IsZero
        {
            get
            {
                uint acc = 0;
                for (int i = 0; i < 8; i++)
                {
                    acc |= _limbs[i];
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
                    ulong d = (ulong)HalfOrder[i] - _limbs[i] - borrow;
                    borrow = (d >> 63) & 1;
                }

                return borrow != 0;
            }
        }

        internal uint[] Limbs
        {
            get { return _limbs; }
        }

        /// <summary>this + o.</summary>
        public Scalar Add(Scalar o)
        {
            Scalar r = Zero();
            r.SetAdd(this, o);
            return r;
        }

        /// <summary>this − o.</summary>
        public Scalar Sub(Scalar o)
        {
            Scalar r = Zero();
            r.SetSub(this, o);
            return r;
        }

        /// <summary>this · o.</summary>
        public Scalar Mul(Scalar o)
        {
            Scalar r = Zero();
            uint[] work = NewWork();
            try
            {
                r.SetMul(this, o, work);
                return r;
            }
            finally
            {
                Wipe.Words(work);
            }
        }

        /// <summary>−this.</summary>
        public Scalar Negate()
        {
            Scalar r = Zero();
            r.SetNegate(this);
            return r;
        }

        /// <summary>this^−1 (0 maps to 0).</summary>
        public Scalar Inverse()
        {
            Scalar r = Zero();
            uint[] work = NewWork();
            try
            {
                r.SetInverse(this, work);
                return r;
            }
            finally
            {
                Wipe.Words(work);
            }
        }

        /// <summary>
        /// this^−1 on <paramref name="backend"/>, one call into it (the native module's inverse instead of some
        /// 300 interpreted multiplications). This must not be 0 (<see cref="CryptoError.ZeroScalar"/> from the backend).
        /// </summary>
        /// <remarks>Security: constant time; the two byte copies are wiped.</remarks>
        public Scalar Inverse(IArithmeticBackend backend)
        {
            byte[] value = new byte[Params.ScalarBytes];
            byte[] inverse = new byte[Params.ScalarBytes];
            try
            {
                WriteTo(value, 0);
                backend.ScalarInvert(value, inverse);
                return FromBytesStrict(inverse, 0);
            }
            finally
            {
                Wipe.Bytes(value);
                Wipe.Bytes(inverse);
            }
        }

        /// <summary>this := a (a copy of the limbs).</summary>
        public void Set(Scalar a)
        {
            System.Array.Copy(a._limbs, 0, _limbs, 0, 8);
        }

        /// <summary>this := a + b; a or b may be this.</summary>
        public void SetAdd(Scalar a, Scalar b)
        {
            Mod256.N.Add(_limbs, a._limbs, b._limbs);
        }

        /// <summary>this := a − b; a or b may be this.</summary>
        public void SetSub(Scalar a, Scalar b)
        {
            Mod256.N.Sub(_limbs, a._limbs, b._limbs);
        }

        /// <summary>this := a · b in <paramref name="work"/> (<see cref="NewWork"/>, which then holds intermediates); a or b may be this.</summary>
        public void SetMul(Scalar a, Scalar b, uint[] work)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarMultiplications++;
            }

            Mod256.N.Mul(_limbs, a._limbs, b._limbs, work);
        }

        /// <summary>this := −a; a may be this.</summary>
        public void SetNegate(Scalar a)
        {
            Mod256.N.Negate(_limbs, a._limbs);
        }

        /// <summary>this := a^−1 (0 maps to 0) in <paramref name="work"/>; a must not be this.</summary>
        public void SetInverse(Scalar a, uint[] work)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.ScalarInversions++;
            }

            Mod256.N.Invert(_limbs, a._limbs, work);
        }

        /// <summary>this := a when <paramref name="bit"/> is 1, b when 0, without branching; a or b may be this.</summary>
        public void SetSelect(int bit, Scalar a, Scalar b)
        {
            uint mask = 0u - (uint)(bit & 1);
            for (int i = 0; i < 8; i++)
            {
                _limbs[i] = (a._limbs[i] & mask) | (b._limbs[i] & ~mask);
            }
        }

        /// <summary>this := the 32 big-endian bytes at <paramref name="offset"/> reduced modulo n (for hash outputs).</summary>
        public void SetBytesReduced(byte[] b, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                int p = offset + (4 * (7 - i));
                _limbs[i] = ((uint)b[p] << 24) | ((uint)b[p + 1] << 16) | ((uint)b[p + 2] << 8) | b[p + 3];
            }

            Mod256.N.ReduceOnce(_limbs, _limbs);
        }

        /// <summary>Writes the 32-byte big-endian encoding at <paramref name="offset"/>.</summary>
        public void WriteTo(byte[] b, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                uint v = _limbs[7 - i];
                b[offset + (4 * i)] = (byte)(v >> 24);
                b[offset + (4 * i) + 1] = (byte)(v >> 16);
                b[offset + (4 * i) + 2] = (byte)(v >> 8);
                b[offset + (4 * i) + 3] = (byte)v;
            }
        }

        /// <summary>Wipes the value (it reads as 0 afterwards).</summary>
        public void Clear()
        {
            Wipe.Words(_limbs);
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
