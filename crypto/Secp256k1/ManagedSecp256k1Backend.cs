namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// The reference backend: portable managed code (ten 26-bit limb field, 8x32 scalar, fixed-base
    /// comb table, constant-time windowed variable-base multiplication, Strauss-wNAF verification).
    /// </summary>
    /// <remarks>
    /// Security: constant time in secret scalars; every intermediate scalar and point derived from a
    /// secret is wiped in a finally block. Stateless apart from the shared precomputed tables, so one
    /// instance may serve every caller.
    /// </remarks>
    public sealed class ManagedSecp256k1Backend : ISecp256k1Backend
    {
        /// <summary>The shared instance.</summary>
        public static readonly ManagedSecp256k1Backend Instance = new ManagedSecp256k1Backend();

        /// <inheritdoc/>
        public bool ScalarReduce(byte[] x, byte[] result)
        {
            CheckOutput(result, 32);
            if (x == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (x.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            uint[] s = Scalar.Create();
            uint overflow = Scalar.FromBytes(s, x, 0);
            Scalar.ToBytes(s, result, 0);
            Wipe.Words(s);
            return overflow != 0;
        }

        /// <inheritdoc/>
        public void ScalarAdd(byte[] a, byte[] b, byte[] result)
        {
            Binary(a, b, result, false);
        }

        /// <inheritdoc/>
        public void ScalarMul(byte[] a, byte[] b, byte[] result)
        {
            Binary(a, b, result, true);
        }

        /// <inheritdoc/>
        public void ScalarNegate(byte[] a, byte[] result)
        {
            CheckOutput(result, 32);
            uint[] x = ReadScalar(a);
            try
            {
                Scalar.Negate(x, x);
                Scalar.ToBytes(x, result, 0);
            }
            finally
            {
                Wipe.Words(x);
            }
        }

        /// <inheritdoc/>
        public void ScalarInvert(byte[] a, byte[] result)
        {
            CheckOutput(result, 32);
            uint[] x = ReadScalar(a);
            try
            {
                if (Scalar.IsZero(x) != 0)
                {
                    throw new CryptoException(CryptoError.ZeroScalar);
                }

                Scalar.Invert(x, x);
                Scalar.ToBytes(x, result, 0);
            }
            finally
            {
                Wipe.Words(x);
            }
        }

        /// <inheritdoc/>
        public void ScalarInvertVartime(byte[] a, byte[] result)
        {
            CheckOutput(result, 32);
            uint[] x = ReadScalar(a);
            if (Scalar.IsZero(x) != 0)
            {
                throw new CryptoException(CryptoError.ZeroScalar);
            }

            VartimeInverse.InvertVartime(x, x, Scalar.N);
            Scalar.ToBytes(x, result, 0);
        }

        /// <inheritdoc/>
        public void BaseMul(byte[] k, byte[] result)
        {
            CheckOutput(result, 33);
            uint[] x = ReadNonZeroScalar(k);
            JacobianPoint j = new JacobianPoint();
            AffinePoint a = new AffinePoint();
            try
            {
                FixedBaseMul.Mul(j, x);
                Group.ToAffine(a, j);
                PointEncoding.EncodeCompressed(a, result, 0);
            }
            finally
            {
                Wipe.Words(x);
                j.Clear();
                a.Clear();
            }
        }

        /// <inheritdoc/>
        public void PointMul(byte[] k, byte[] point, byte[] result)
        {
            CheckOutput(result, 33);
            AffinePoint p = ReadPoint(point);
            uint[] x = ReadNonZeroScalar(k);
            JacobianPoint j = new JacobianPoint();
            AffinePoint a = new AffinePoint();
            try
            {
                VariableBaseMul.Mul(j, p, x);
                Group.ToAffine(a, j);
                PointEncoding.EncodeCompressed(a, result, 0);
            }
            finally
            {
                Wipe.Words(x);
                j.Clear();
                a.Clear();
            }
        }

        /// <inheritdoc/>
        public void PointAdd(byte[] p, byte[] q, byte[] result)
        {
            CheckOutput(result, 33);
            AffinePoint a = ReadPoint(p);
            AffinePoint b = null;
            JacobianPoint j = new JacobianPoint();
            AffinePoint r = new AffinePoint();
            GroupWorkspace w = new GroupWorkspace();
            try
            {
                b = ReadPoint(q);

                // The complete formula: one sequence of field operations whether the points are equal
                // (it doubles), opposite (Z = 0) or neither, so a sum of secret points (the threshold
                // signer's χ·R_j − Γ^u) shows nothing in its timing but the public infinity outcome.
                j.SetAffine(a);
                Group.AddAffineComplete(j, j, b.X, b.Y, w);
                Group.ToAffine(r, j);
                if (r.Infinity)
                {
                    throw new CryptoException(CryptoError.InvalidPoint);
                }

                PointEncoding.EncodeCompressed(r, result, 0);
            }
            finally
            {
                a.Clear();
                if (b != null)
                {
                    b.Clear();
                }

                j.Clear();
                r.Clear();
                w.Clear();
            }
        }

        /// <inheritdoc/>
        public bool MultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result)
        {
            CheckOutput(result, 33);
            AffinePoint p = ReadPoint(point);
            uint[] sa = ReadScalar(a);
            uint[] sb = ReadScalar(b);
            JacobianPoint j = new JacobianPoint();
            MultiScalarMul.MulVartime(j, sa, sb, p);
            AffinePoint r = new AffinePoint();
            Group.ToAffineVartime(r, j);
            if (r.Infinity)
            {
                System.Array.Clear(result, 0, 33);
                return false;
            }

            PointEncoding.EncodeCompressed(r, result, 0);
            return true;
        }

        /// <inheritdoc/>
        public void ReencodePoint(byte[] point, bool compressed, byte[] result)
        {
            CheckOutput(result, compressed ? 33 : 65);
            AffinePoint p = ReadPoint(point);
            if (compressed)
            {
                PointEncoding.EncodeCompressed(p, result, 0);
            }
            else
            {
                PointEncoding.EncodeUncompressed(p, result, 0);
            }
        }

        /// <inheritdoc/>
        public void LiftX(byte[] x, byte[] result)
        {
            CheckOutput(result, 33);
            if (x == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (x.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            AffinePoint p = new AffinePoint();
            PointEncoding.LiftX(x, 0, 0, p);
            PointEncoding.EncodeCompressed(p, result, 0);
        }

        private static void Binary(byte[] a, byte[] b, byte[] result, bool multiply)
        {
            CheckOutput(result, 32);
            uint[] x = ReadScalar(a);
            uint[] y = null;
            try
            {
                y = ReadScalar(b);
                if (multiply)
                {
                    Scalar.Mul(x, x, y);
                }
                else
                {
                    Scalar.Add(x, x, y);
                }

                Scalar.ToBytes(x, result, 0);
            }
            finally
            {
                Wipe.Words(x);
                Wipe.Words(y);
            }
        }

        /// <summary>Reads a 32-byte canonical scalar (below n) or throws.</summary>
        internal static uint[] ReadScalar(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (bytes.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            uint[] s = Scalar.Create();
            if (Scalar.FromBytes(s, bytes, 0) != 0)
            {
                Wipe.Words(s);
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            return s;
        }

        private static uint[] ReadNonZeroScalar(byte[] bytes)
        {
            uint[] s = ReadScalar(bytes);
            if (Scalar.IsZero(s) != 0)
            {
                throw new CryptoException(CryptoError.ZeroScalar);
            }

            return s;
        }

        private static AffinePoint ReadPoint(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            AffinePoint p = new AffinePoint();
            PointEncoding.Decode(bytes, 0, bytes.Length, p);
            return p;
        }

        private static void CheckOutput(byte[] output, int length)
        {
            if (output == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (output.Length != length)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }
    }
}
