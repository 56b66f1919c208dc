using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// A point of secp256k1 held as its 33-byte compressed SEC 1 encoding, or the point at infinity
    /// (which the protocols meet only in checks). Immutable; every multiplication and addition is done
    /// by the curve backend each operation is given (the party's <see cref="IArithmeticBackend"/>).
    /// </summary>
    /// <remarks>
    /// Security: <see cref="Mul"/> and <see cref="MulBase"/> are constant time in the scalar, and
    /// <see cref="Add"/> in the points (backend contract: a complete addition formula), so a point derived
    /// from a secret (the signer's χ·R_j) may be added; only whether a result is infinity shows, and every
    /// result that can be infinity is checked in public anyway. Comparison treats points as public.
    /// </remarks>
    internal sealed class Point
    {
        private readonly byte[] _encoding;

        private Point(byte[] encoding)
        {
            _encoding = encoding;
        }

        /// <summary>True for the point at infinity.</summary>
        public bool IsInfinity
        {
            get { return _encoding == null; }
        }

        /// <summary>The point at infinity.</summary>
        public static Point Infinity()
        {
            return new Point(null);
        }

        /// <summary>
        /// Decodes and validates a 33-byte compressed point at <paramref name="offset"/>; null when the
        /// prefix is not 2 or 3, x is not below p, or x is not on the curve.
        /// </summary>
        public static Point Decode(ISecp256k1Backend curve, byte[] b, int offset)
        {
            if (b == null || offset < 0 || offset + Params.PointBytes > b.Length || (b[offset] != 2 && b[offset] != 3))
            {
                return null;
            }

            byte[] copy = new byte[Params.PointBytes];
            System.Array.Copy(b, offset, copy, 0, Params.PointBytes);
            byte[] checkedEncoding = new byte[Params.PointBytes];
            try
            {
                curve.ReencodePoint(copy, true, checkedEncoding);
            }
            catch (CryptoException)
            {
                return null;
            }

            return new Point(checkedEncoding);
        }

        /// <summary>k·G (infinity for k = 0).</summary>
        public static Point MulBase(ISecp256k1Backend curve, Scalar k)
        {
            if (k.IsZero)
            {
                return Infinity();
            }

            byte[] kb = new byte[Params.ScalarBytes];
            byte[] result = new byte[Params.PointBytes];
            try
            {
                k.WriteTo(kb, 0);
                Count();
                curve.BaseMul(kb, result);
                return new Point(result);
            }
            finally
            {
                Wipe.Bytes(kb);
            }
        }

        /// <summary>k·this (infinity for k = 0 or this = infinity).</summary>
        public Point Mul(ISecp256k1Backend curve, Scalar k)
        {
            if (IsInfinity || k.IsZero)
            {
                return Infinity();
            }

            byte[] kb = new byte[Params.ScalarBytes];
            byte[] result = new byte[Params.PointBytes];
            try
            {
                k.WriteTo(kb, 0);
                Count();
                curve.PointMul(kb, _encoding, result);
                return new Point(result);
            }
            finally
            {
                Wipe.Bytes(kb);
            }
        }

        /// <summary>this + o, including the doubling and opposite-point cases (constant time, see remarks).</summary>
        public Point Add(ISecp256k1Backend curve, Point o)
        {
            if (IsInfinity)
            {
                return o;
            }

            if (o.IsInfinity)
            {
                return this;
            }

            // o = −this (same x, other parity) is the one sum without an encoding; the comparison runs over
            // every byte and only its outcome, infinity or not, decides a branch.
            int differ = 0;
            for (int i = 1; i < Params.PointBytes; i++)
            {
                differ |= _encoding[i] ^ o._encoding[i];
            }

            if ((differ | ((_encoding[0] ^ o._encoding[0]) ^ 1)) == 0)
            {
                return Infinity();
            }

            byte[] result = new byte[Params.PointBytes];
            curve.PointAdd(_encoding, o._encoding, result);
            return new Point(result);
        }

        /// <summary>this − o.</summary>
        public Point Sub(ISecp256k1Backend curve, Point o)
        {
            return Add(curve, o.Negate());
        }

        /// <summary>−this (flips the parity of y).</summary>
        public Point Negate()
        {
            if (IsInfinity)
            {
                return this;
            }

            byte[] result = new byte[Params.PointBytes];
            System.Array.Copy(_encoding, 0, result, 0, Params.PointBytes);
            result[0] = (byte)(_encoding[0] ^ 1);
            return new Point(result);
        }

        /// <summary>Equality of points (encodings are canonical).</summary>
        public bool EqualsPoint(Point o)
        {
            if (IsInfinity || o.IsInfinity)
            {
                return IsInfinity == o.IsInfinity;
            }

            int diff = 0;
            for (int i = 0; i < Params.PointBytes; i++)
            {
                diff |= _encoding[i] ^ o._encoding[i];
            }

            return diff == 0;
        }

        /// <summary>Writes the 33-byte compressed encoding at <paramref name="offset"/>.</summary>
        /// <exception cref="ThresholdException">InvalidPoint for the point at infinity, which has no encoding.</exception>
        public void WriteTo(byte[] b, int offset)
        {
            if (IsInfinity)
            {
                throw new ThresholdException(ThresholdError.InvalidPoint, 0);
            }

            System.Array.Copy(_encoding, 0, b, offset, Params.PointBytes);
        }

        /// <summary>The x coordinate reduced modulo n (ECDSA's r). Not defined for infinity.</summary>
        public Scalar XModOrder(ISecp256k1Backend curve)
        {
            byte[] x = new byte[32];
            byte[] reduced = new byte[32];
            System.Array.Copy(_encoding, 1, x, 0, 32);
            curve.ScalarReduce(x, reduced);
            return Scalar.FromBytesStrict(reduced, 0);
        }

        private static void Count()
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.PointMultiplications++;
            }
        }
    }
}
