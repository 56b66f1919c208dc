namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Converts many Jacobian points to affine with one field inversion (Montgomery's trick:
    /// invert the product of all Z, then peel off each inverse with two multiplications).
    /// </summary>
    /// <remarks>
    /// Invariant: no input may be infinity (Z = 0 would zero the product). Security: constant time unless the Vartime entry point is used
    /// (used for tables of secret-independent points and for the constant-time variable-base table).
    /// </remarks>
    internal static class BatchAffine
    {
        /// <summary>Affine, normalised copies of <paramref name="points"/> (none may be infinity). Constant time.</summary>
        public static AffinePoint[] Convert(JacobianPoint[] points)
        {
            return Convert(points, false);
        }

        /// <summary>As <see cref="Convert(JacobianPoint[])"/> for PUBLIC points, with a variable-time inversion.</summary>
        public static AffinePoint[] ConvertVartime(JacobianPoint[] points)
        {
            return Convert(points, true);
        }

        private static AffinePoint[] Convert(JacobianPoint[] points, bool vartime)
        {
            int count = points.Length;
            uint[][] prefix = new uint[count][];
            for (int i = 0; i < count; i++)
            {
                prefix[i] = new uint[Field.Limbs];
                if (i == 0)
                {
                    Field.Copy(prefix[0], points[0].Z);
                }
                else
                {
                    Field.Mul(prefix[i], prefix[i - 1], points[i].Z);
                }
            }

            uint[] inv = new uint[Field.Limbs];
            uint[] zi = new uint[Field.Limbs];
            uint[] zi2 = new uint[Field.Limbs];
            if (vartime)
            {
                VartimeInverse.InvertFieldVartime(inv, prefix[count - 1]);
            }
            else
            {
                Field.Invert(inv, prefix[count - 1]);
            }
            AffinePoint[] result = new AffinePoint[count];
            for (int i = count - 1; i >= 0; i--)
            {
                // inv = 1 / (Z_0 ... Z_i): 1/Z_i = inv * (Z_0 ... Z_{i-1}); then drop Z_i from inv.
                if (i > 0)
                {
                    Field.Mul(zi, inv, prefix[i - 1]);
                    Field.Mul(inv, inv, points[i].Z);
                }
                else
                {
                    Field.Copy(zi, inv);
                }

                AffinePoint a = new AffinePoint();
                Field.Sqr(zi2, zi);
                Field.Mul(a.X, points[i].X, zi2);
                Field.Mul(zi2, zi2, zi);
                Field.Mul(a.Y, points[i].Y, zi2);
                Field.Normalize(a.X);
                Field.Normalize(a.Y);
                result[i] = a;
            }

            for (int i = 0; i < count; i++)
            {
                Wipe.Words(prefix[i]);
            }

            Wipe.Words(inv);
            Wipe.Words(zi);
            Wipe.Words(zi2);
            return result;
        }
    }
}
