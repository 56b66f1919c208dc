namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>A point in affine coordinates (x, y), or the point at infinity.</summary>
    /// <remarks>
    /// Invariant: when <see cref="Infinity"/> is false, (X, Y) satisfies y^2 = x^3 + 7; X and Y are
    /// field elements in the weak form of <see cref="Field"/>. The flag is public information (it
    /// is only set for decoded or vartime results, never from a secret-dependent computation).
    /// </remarks>
    internal sealed class AffinePoint
    {
        /// <summary>x coordinate (10 limbs).</summary>
        public readonly uint[] X = new uint[Field.Limbs];

        /// <summary>y coordinate (10 limbs).</summary>
        public readonly uint[] Y = new uint[Field.Limbs];

        /// <summary>True for the point at infinity (X and Y then carry no meaning).</summary>
        public bool Infinity;

        /// <summary>Zeroes the coordinates (for points derived from secrets).</summary>
        public void Clear()
        {
            Wipe.Words(X);
            Wipe.Words(Y);
        }
    }

    /// <summary>A point in Jacobian coordinates (X : Y : Z), affine (X / Z^2, Y / Z^3).</summary>
    /// <remarks>Invariant: Z = 0 exactly for the point at infinity (the constant-time code never needs a flag).</remarks>
    internal sealed class JacobianPoint
    {
        /// <summary>X (10 limbs).</summary>
        public readonly uint[] X = new uint[Field.Limbs];

        /// <summary>Y (10 limbs).</summary>
        public readonly uint[] Y = new uint[Field.Limbs];

        /// <summary>Z (10 limbs); zero for infinity.</summary>
        public readonly uint[] Z = new uint[Field.Limbs];

        /// <summary>Sets this point to infinity (1 : 1 : 0).</summary>
        public void SetInfinity()
        {
            Field.SetInt(X, 1);
            Field.SetInt(Y, 1);
            Field.SetInt(Z, 0);
        }

        /// <summary>Sets this point to the affine point a (which must not be infinity).</summary>
        public void SetAffine(AffinePoint a)
        {
            Field.Copy(X, a.X);
            Field.Copy(Y, a.Y);
            Field.SetInt(Z, 1);
        }

        /// <summary>this = a.</summary>
        public void CopyFrom(JacobianPoint a)
        {
            Field.Copy(X, a.X);
            Field.Copy(Y, a.Y);
            Field.Copy(Z, a.Z);
        }

        /// <summary>Zeroes the coordinates.</summary>
        public void Clear()
        {
            Wipe.Words(X);
            Wipe.Words(Y);
            Wipe.Words(Z);
        }
    }

    /// <summary>Scratch field elements for the group formulas, allocated once per scalar multiplication.</summary>
    internal sealed class GroupWorkspace
    {
        /// <summary>Temporaries.</summary>
        public readonly uint[] T0 = new uint[Field.Limbs], T1 = new uint[Field.Limbs], T2 = new uint[Field.Limbs],
            T3 = new uint[Field.Limbs], T4 = new uint[Field.Limbs], T5 = new uint[Field.Limbs], T6 = new uint[Field.Limbs],
            T7 = new uint[Field.Limbs], T8 = new uint[Field.Limbs], T9 = new uint[Field.Limbs];

        /// <summary>Zeroes every temporary (they held intermediate values of secret computations).</summary>
        public void Clear()
        {
            Wipe.Words(T0); Wipe.Words(T1); Wipe.Words(T2); Wipe.Words(T3);
            Wipe.Words(T4); Wipe.Words(T5); Wipe.Words(T6); Wipe.Words(T7);
            Wipe.Words(T8); Wipe.Words(T9);
        }
    }

    /// <summary>
    /// Group law of secp256k1 (y^2 = x^3 + 7 over GF(p)) in Jacobian coordinates.
    /// </summary>
    /// <remarks>
    /// Invariants and exceptional cases:
    /// <list type="bullet">
    /// <item><see cref="Double"/> is complete: the curve has no point of order 2 (y is never 0), and
    /// doubling infinity (Z = 0) yields Z = 0 again.</item>
    /// <item><see cref="AddAffine"/> (constant time) handles a = infinity by mask, and a = -b gives Z = 0
    /// (infinity) by itself; it does NOT handle a = b. Callers guarantee a != b: the fixed- and
    /// variable-base multiplications add d * B to a multiple m * B with m and d distinct integers
    /// below n (see their files), and every point other than infinity has order n (cofactor 1).</item>
    /// <item><see cref="AddAffineComplete"/> (constant time) handles every case with b not infinity:
    /// a = infinity by mask, a = b (it doubles), a = -b (Z = 0), and b = -lambda a, where the unified
    /// slope is 0/0 and the chord slope is selected by mask. The GLV k P needs it: there the
    /// accumulator is m1 P + m2 lambda P, and no size argument rules out equality with the addend.</item>
    /// <item>The <c>Vartime</c> additions handle every case with branches and may only see public points.</item>
    /// </list>
    /// Formulas: dbl-2009-l and madd-2007-bl / add-2007-bl from the Explicit-Formulas Database (a = 0).
    /// </remarks>
    internal static class Group
    {
        /// <summary>The generator G, affine.</summary>
        public static readonly AffinePoint G = MakeG();

        private static AffinePoint MakeG()
        {
            AffinePoint g = new AffinePoint();
            byte[] x =
            {
                0x79, 0xBE, 0x66, 0x7E, 0xF9, 0xDC, 0xBB, 0xAC, 0x55, 0xA0, 0x62, 0x95, 0xCE, 0x87, 0x0B, 0x07,
                0x02, 0x9B, 0xFC, 0xDB, 0x2D, 0xCE, 0x28, 0xD9, 0x59, 0xF2, 0x81, 0x5B, 0x16, 0xF8, 0x17, 0x98,
            };
            byte[] y =
            {
                0x48, 0x3A, 0xDA, 0x77, 0x26, 0xA3, 0xC4, 0x65, 0x5D, 0xA4, 0xFB, 0xFC, 0x0E, 0x11, 0x08, 0xA8,
                0xFD, 0x17, 0xB4, 0x48, 0xA6, 0x85, 0x54, 0x19, 0x9C, 0x47, 0xD0, 0x8F, 0xFB, 0x10, 0xD4, 0xB8,
            };
            Field.FromBytes(g.X, x, 0);
            Field.FromBytes(g.Y, y, 0);
            return g;
        }

        /// <summary>r = 2a (r may alias a). 2M + 5S. Security: constant time.</summary>
        public static void Double(JacobianPoint r, JacobianPoint a, GroupWorkspace w)
        {
            uint[] A = w.T0, B = w.T1, C = w.T2, D = w.T3, E = w.T4, F = w.T5;
            Field.Sqr(A, a.X);
            Field.Sqr(B, a.Y);
            Field.Sqr(C, B);
            Field.Add(D, a.X, B);
            Field.Sqr(D, D);
            Field.Sub(D, D, A);
            Field.Sub(D, D, C);
            Field.Add(D, D, D);
            Field.MulInt(E, A, 3);
            Field.Sqr(F, E);

            // Z3 = 2 Y1 Z1 first, while Y1 is still intact when r aliases a.
            Field.Mul(r.Z, a.Y, a.Z);
            Field.Add(r.Z, r.Z, r.Z);

            Field.Sub(r.X, F, D);
            Field.Sub(r.X, r.X, D);
            Field.Sub(D, D, r.X);
            Field.Mul(r.Y, E, D);
            Field.MulInt(C, C, 8);
            Field.Sub(r.Y, r.Y, C);
        }

        /// <summary>
        /// r = a + b with b affine and not infinity (r may alias a); a may be infinity. a must differ
        /// from b (see the class remarks). 8M + 3S. Security: constant time.
        /// </summary>
        public static void AddAffine(JacobianPoint r, JacobianPoint a, uint[] bx, uint[] by, GroupWorkspace w)
        {
            uint[] z1z1 = w.T0, u2 = w.T1, s2 = w.T2, h = w.T3, hh = w.T4, i = w.T5, j = w.T6, rr = w.T7;
            uint aInfinity = Field.IsZero(a.Z);
            Field.Sqr(z1z1, a.Z);
            Field.Mul(u2, bx, z1z1);
            Field.Mul(s2, by, a.Z);
            Field.Mul(s2, s2, z1z1);
            Field.Sub(h, u2, a.X);
            Field.Sqr(hh, h);
            Field.MulInt(i, hh, 4);
            Field.Mul(j, h, i);
            Field.Sub(rr, s2, a.Y);
            Field.Add(rr, rr, rr);

            // Z3 = (Z1 + H)^2 - Z1Z1 - HH
            Field.Add(r.Z, a.Z, h);
            Field.Sqr(r.Z, r.Z);
            Field.Sub(r.Z, r.Z, z1z1);
            Field.Sub(r.Z, r.Z, hh);

            // V = X1 I (reuse u2), then Y1 J (reuse s2) before r.X / r.Y overwrite the inputs.
            Field.Mul(u2, a.X, i);
            Field.Mul(s2, a.Y, j);
            Field.Sqr(r.X, rr);
            Field.Sub(r.X, r.X, j);
            Field.Sub(r.X, r.X, u2);
            Field.Sub(r.X, r.X, u2);
            Field.Sub(u2, u2, r.X);
            Field.Mul(r.Y, rr, u2);
            Field.Sub(r.Y, r.Y, s2);
            Field.Sub(r.Y, r.Y, s2);

            // a = infinity: the result is b.
            Field.Select(r.X, bx, aInfinity);
            Field.Select(r.Y, by, aInfinity);
            Field.SetInt(h, 1);
            Field.Select(r.Z, h, aInfinity);
        }

        /// <summary>
        /// r = a + b with b affine and not infinity (r may alias a); complete otherwise: a may be
        /// infinity, equal to b, -b or -lambda b. 10M + 4S. Security: constant time.
        /// </summary>
        /// <remarks>
        /// With u1 = X1, u2 = x2 Z1^2, s1 = Y1, s2 = y2 Z1^3, the unified slope is
        /// lambda = (x1^2 + x1 x2 + x2^2) / (y1 + y2) = R / (M Z1) with R = (u1 + u2)^2 - u1 u2 and
        /// M = s1 + s2; it equals the chord slope when x1 != x2 (since y1^2 - y2^2 = x1^3 - x2^3) and
        /// the tangent slope 3 x1^2 / (2 y1) when a = b. It is 0/0 exactly when y1 = -y2 and x1 = beta x2
        /// or beta^2 x2 (b = -lambda a or -lambda^2 a); then the chord slope R = s1 - s2, M = u1 - u2
        /// (both non-zero there) is selected by mask. With Z3 = M Z1: X3 = R^2 - (u1 + u2) M^2 and
        /// Y3 = R (u1 M^2 - X3) - s1 M^3. a = -b gives M = 0, hence Z3 = 0 (infinity).
        /// </remarks>
        public static void AddAffineComplete(JacobianPoint r, JacobianPoint a, uint[] bx, uint[] by, GroupWorkspace w)
        {
            uint[] zz = w.T0, u2 = w.T1, s2 = w.T2, t = w.T3, m = w.T4, rr = w.T5, alt = w.T6, m2 = w.T7, m3 = w.T8, q = w.T9;
            uint aInfinity = Field.IsZero(a.Z);
            Field.Sqr(zz, a.Z);
            Field.Mul(u2, bx, zz);
            Field.Mul(s2, by, a.Z);
            Field.Mul(s2, s2, zz);
            Field.Add(t, a.X, u2);
            Field.Add(m, a.Y, s2);
            Field.Sqr(rr, t);
            Field.Mul(q, a.X, u2);
            Field.Sub(rr, rr, q);

            uint degenerate = Field.IsZero(m) & Field.IsZero(rr);
            Field.Sub(alt, a.Y, s2);
            Field.Select(rr, alt, degenerate);
            Field.Sub(alt, a.X, u2);
            Field.Select(m, alt, degenerate);

            Field.Sqr(m2, m);
            Field.Mul(m3, m2, m);
            Field.Mul(q, a.X, m2);
            Field.Mul(t, t, m2);
            Field.Mul(m3, m3, a.Y);

            // Every use of a.X, a.Y, a.Z is above, so r may alias a from here on.
            Field.Mul(r.Z, m, a.Z);
            Field.Sqr(r.X, rr);
            Field.Sub(r.X, r.X, t);
            Field.Sub(q, q, r.X);
            Field.Mul(r.Y, rr, q);
            Field.Sub(r.Y, r.Y, m3);

            // a = infinity: the result is b.
            Field.Select(r.X, bx, aInfinity);
            Field.Select(r.Y, by, aInfinity);
            Field.SetInt(t, 1);
            Field.Select(r.Z, t, aInfinity);
        }

        /// <summary>
        /// r = a + b for public points, any case (infinity, equal, opposite). r may alias a.
        /// </summary>
        public static void AddAffineVartime(JacobianPoint r, JacobianPoint a, AffinePoint b, GroupWorkspace w)
        {
            if (b.Infinity)
            {
                r.CopyFrom(a);
                return;
            }

            if (Field.IsZero(a.Z) != 0)
            {
                r.SetAffine(b);
                return;
            }

            // Detect a = +-b: U2 = X1 and S2 = +-Y1.
            uint[] z1z1 = w.T0, u2 = w.T1, s2 = w.T2;
            Field.Sqr(z1z1, a.Z);
            Field.Mul(u2, b.X, z1z1);
            Field.Mul(s2, b.Y, a.Z);
            Field.Mul(s2, s2, z1z1);
            if (Field.Equal(u2, a.X) != 0)
            {
                if (Field.Equal(s2, a.Y) != 0)
                {
                    Double(r, a, w);
                }
                else
                {
                    r.SetInfinity();
                }

                return;
            }

            AddAffine(r, a, b.X, b.Y, w);
        }

        /// <summary>r = a + b for public Jacobian points, any case. 12M + 4S. r may alias a or b.</summary>
        public static void AddVartime(JacobianPoint r, JacobianPoint a, JacobianPoint b, GroupWorkspace w)
        {
            if (Field.IsZero(a.Z) != 0)
            {
                r.CopyFrom(b);
                return;
            }

            if (Field.IsZero(b.Z) != 0)
            {
                r.CopyFrom(a);
                return;
            }

            uint[] z1z1 = w.T0, z2z2 = w.T1, u1 = w.T2, u2 = w.T3, s1 = w.T4, s2 = w.T5, h = w.T6, rr = w.T7;
            Field.Sqr(z1z1, a.Z);
            Field.Sqr(z2z2, b.Z);
            Field.Mul(u1, a.X, z2z2);
            Field.Mul(u2, b.X, z1z1);
            Field.Mul(s1, a.Y, b.Z);
            Field.Mul(s1, s1, z2z2);
            Field.Mul(s2, b.Y, a.Z);
            Field.Mul(s2, s2, z1z1);
            Field.Sub(h, u2, u1);
            Field.Sub(rr, s2, s1);
            if (Field.IsZero(h) != 0)
            {
                if (Field.IsZero(rr) != 0)
                {
                    Double(r, a, w);
                }
                else
                {
                    r.SetInfinity();
                }

                return;
            }

            // Z3 = Z1 Z2 H (before a.Z / b.Z may be overwritten).
            Field.Mul(z1z1, a.Z, b.Z);
            Field.Mul(r.Z, z1z1, h);

            // HH = H^2, HHH = H^3, V = U1 HH.
            Field.Sqr(z2z2, h);
            Field.Mul(u2, z2z2, h);
            Field.Mul(u1, u1, z2z2);

            // X3 = R^2 - HHH - 2V; Y3 = R (V - X3) - S1 HHH.
            Field.Mul(s1, s1, u2);
            Field.Sqr(r.X, rr);
            Field.Sub(r.X, r.X, u2);
            Field.Sub(r.X, r.X, u1);
            Field.Sub(r.X, r.X, u1);
            Field.Sub(u1, u1, r.X);
            Field.Mul(r.Y, rr, u1);
            Field.Sub(r.Y, r.Y, s1);
        }

        /// <summary>
        /// r = a in affine coordinates, normalised (one field inversion). Infinity gives r.Infinity = true.
        /// Security: constant time except for the public infinity flag.
        /// </summary>
        public static void ToAffine(AffinePoint r, JacobianPoint a)
        {
            uint[] zi = new uint[Field.Limbs];
            uint[] zi2 = new uint[Field.Limbs];
            r.Infinity = Field.IsZero(a.Z) != 0;
            Field.Invert(zi, a.Z);
            Field.Sqr(zi2, zi);
            Field.Mul(r.X, a.X, zi2);
            Field.Mul(zi2, zi2, zi);
            Field.Mul(r.Y, a.Y, zi2);
            Field.Normalize(r.X);
            Field.Normalize(r.Y);
            Wipe.Words(zi);
            Wipe.Words(zi2);
        }

        /// <summary>As <see cref="ToAffine"/> for a PUBLIC point, with a variable-time inversion.</summary>
        public static void ToAffineVartime(AffinePoint r, JacobianPoint a)
        {
            r.Infinity = Field.IsZero(a.Z) != 0;
            if (r.Infinity)
            {
                return;
            }

            uint[] zi = new uint[Field.Limbs];
            uint[] zi2 = new uint[Field.Limbs];
            VartimeInverse.InvertFieldVartime(zi, a.Z);
            Field.Sqr(zi2, zi);
            Field.Mul(r.X, a.X, zi2);
            Field.Mul(zi2, zi2, zi);
            Field.Mul(r.Y, a.Y, zi2);
            Field.Normalize(r.X);
            Field.Normalize(r.Y);
        }

        /// <summary>r = -a (affine). r may alias a.</summary>
        public static void NegateAffine(AffinePoint r, AffinePoint a)
        {
            Field.Copy(r.X, a.X);
            Field.Negate(r.Y, a.Y);
            Field.Normalize(r.Y);
            r.Infinity = a.Infinity;
        }

        /// <summary>True when (x, y) satisfies y^2 = x^3 + 7.</summary>
        public static bool IsOnCurve(uint[] x, uint[] y)
        {
            uint[] l = new uint[Field.Limbs];
            uint[] rhs = new uint[Field.Limbs];
            Field.Sqr(l, y);
            Field.Sqr(rhs, x);
            Field.Mul(rhs, rhs, x);
            Field.Add(rhs, rhs, Field.FromInt(7));
            return Field.Equal(l, rhs) != 0;
        }
    }
}
