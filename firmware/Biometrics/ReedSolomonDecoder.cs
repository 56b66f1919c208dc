namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Reed–Solomon decoding over <see cref="PrimeField"/> in O(n) memory: given n points with
    /// distinct x, of which at most t = (n - k) / 2 are wrong, finds the unique polynomial of degree
    /// &lt; k through the others. The vault uses it to recover its secret polynomial from the
    /// candidate points a touch unlocks, of which some are chaff.
    /// </summary>
    /// <remarks>
    /// The points are a generalized Reed–Solomon codeword with column multipliers
    /// v_i = 1 / prod_{j != i} (x_i - x_j): for every f of degree &lt; k and j &lt; n - k,
    /// sum_i v_i f(x_i) (x_i + 1)^j = 0 (the sum is the x^(n-1) coefficient of the interpolation of a
    /// polynomial of degree &lt; n - 1). So the 2t syndromes S_j = sum_i v_i y_i (x_i + 1)^j depend on the
    /// errors only, S_j = sum_e v_e err_e U_e^j with U_e = x_e + 1, and Berlekamp–Massey (Massey, IEEE
    /// Trans. IT-15, 1969) finds the error locator prod_e (1 - U_e z) of L &lt;= t errors. The shift by
    /// one keeps every U_e non-zero (codes are below 2^24, so x + 1 != 0 mod p); a point at x = 0 then
    /// needs no special case. With Λ(x) = sum_{j &lt;= t} C_j (x + 1)^(t - j), monic of degree t and zero
    /// at every wrong point, the interpolation Q of the values y_i Λ(x_i) equals f Λ when f exists;
    /// decoding succeeds only when Q has degree &lt; k + t and Λ divides it exactly, and then f agrees with
    /// all but at most t points (Λ has at most t roots), so the result is the same polynomial as
    /// Berlekamp–Welch's or Gao's decoder would give (it is unique within distance t since n &gt;= k + 2t).
    /// Memory: <see cref="WorkWords"/>(n) = 9 n + 5 words, against n (n + 1) for a Berlekamp–Welch matrix.
    /// Security: a fixed schedule for given (n, k): every loop bound is n, k or t, and every decision
    /// on values (Berlekamp–Massey's length change, the final checks) is a mask, never a branch; the
    /// one inversion per step is a fixed exponentiation. The coefficients are zero unless decoding
    /// succeeded; the work space is wiped on every path. The native module (cf_finger_rs_decode) runs the
    /// same steps in the same work-space layout.
    /// </remarks>
    internal sealed class ReedSolomonDecoder
    {
        private readonly int _maxPoints;
        private readonly uint[] _work;

        /// <summary>Allocates the working storage for up to <paramref name="maxPoints"/> points.</summary>
        public ReedSolomonDecoder(int maxPoints)
        {
            _maxPoints = maxPoints;
            _work = new uint[WorkWords(maxPoints)];
        }

        /// <summary>Most points one decoding takes.</summary>
        public int MaxPoints
        {
            get { return _maxPoints; }
        }

        /// <summary>The work space, <see cref="WorkWords"/>(<see cref="MaxPoints"/>) words (the native decoder uses it too).</summary>
        internal uint[] Work
        {
            get { return _work; }
        }

        /// <summary>Words of work space a decoding of <paramref name="points"/> points takes: 9 n + 5.</summary>
        public static int WorkWords(int points)
        {
            return (9 * points) + 5;
        }

        /// <summary>Zeroes the work space.</summary>
        internal void Clear()
        {
            System.Array.Clear(_work, 0, _work.Length);
        }

        /// <summary>
        /// Decodes points (xs[i], ys[i]), i &lt; <paramref name="count"/> (distinct x below 2^31 - 2,
        /// y below 2^31 - 1), to the <paramref name="k"/> coefficients of P (constant term first) in
        /// <paramref name="coefficients"/>. Returns false (coefficients zeroed) when no polynomial of
        /// degree &lt; k agrees with all but (count - k) / 2 of the points.
        /// </summary>
        public bool Decode(uint[] xs, uint[] ys, int count, int k, uint[] coefficients)
        {
            if (count > _maxPoints || count < k || k < 1)
            {
                return false;
            }

            try
            {
                return Run(xs, ys, count, k, _work, coefficients);
            }
            finally
            {
                System.Array.Clear(_work, 0, _work.Length);
            }
        }

        // Work-space layout (words; n points, s = 2t syndromes, s <= n): v[n] | power[n] | S[n] |
        // C[n+1] | B[n+1] | T[n+1] | M[n+1] | Q[n] | Lambda[n+1]. cf_finger_rs_decode uses the same.
        private static bool Run(uint[] xs, uint[] ys, int n, int k, uint[] w, uint[] coefficients)
        {
            int t = (n - k) / 2;
            int s = 2 * t;
            int v = 0;
            int power = n;
            int syn = 2 * n;
            int c = 3 * n;
            int b = (4 * n) + 1;
            int tmp = (5 * n) + 2;
            int m = (6 * n) + 3;
            int acc = (7 * n) + 4;
            int lambda = (8 * n) + 4;
            uint ok = 0xFFFFFFFF;
            System.Array.Clear(w, 0, WorkWords(n));

            // Column multipliers by one inversion (Montgomery's trick): d_i = prod_{j != i}(x_i - x_j)
            // in v, their prefix products in power.
            for (int i = 0; i < n; i++)
            {
                uint d = 1;
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        d = PrimeField.Mul(d, PrimeField.Sub(xs[i], xs[j]));
                    }
                }

                w[v + i] = d;
                w[power + i] = i == 0 ? d : PrimeField.Mul(w[power + i - 1], d);
            }

            // A repeated x makes every d_i zero: refuse rather than decode the zero polynomial.
            ok &= NonZeroMask(w[power + n - 1]);
            uint inverse = PrimeField.Inverse(w[power + n - 1]);
            for (int i = n - 1; i > 0; i--)
            {
                uint d = w[v + i];
                w[v + i] = PrimeField.Mul(inverse, w[power + i - 1]);
                inverse = PrimeField.Mul(inverse, d);
            }

            w[v] = inverse;

            // Syndromes S_j = sum_i v_i y_i (x_i + 1)^j, j < s.
            for (int i = 0; i < n; i++)
            {
                w[power + i] = PrimeField.Mul(w[v + i], ys[i]);
            }

            for (int j = 0; j < s; j++)
            {
                uint sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum = PrimeField.Add(sum, w[power + i]);
                    w[power + i] = PrimeField.Mul(w[power + i], PrimeField.Add(xs[i], 1));
                }

                w[syn + j] = sum;
            }

            int length = BerlekampMassey(w, syn, c, b, tmp, s);
            ok &= AtMostMask(length, t);

            // Lambda(x) = sum_{j <= t} C_j (x + 1)^(t - j) by Horner's rule in (x + 1): monic of degree t.
            for (int j = 0; j <= t; j++)
            {
                for (int d = j; d > 0; d--)
                {
                    w[lambda + d] = PrimeField.Add(w[lambda + d], w[lambda + d - 1]);
                }

                w[lambda] = PrimeField.Add(w[lambda], w[c + j]);
            }

            // M(x) = prod_i (x - x_i), degree n, monic.
            w[m] = 1;
            for (int i = 0; i < n; i++)
            {
                w[m + i + 1] = w[m + i];
                for (int d = i; d > 0; d--)
                {
                    w[m + d] = PrimeField.Sub(w[m + d - 1], PrimeField.Mul(xs[i], w[m + d]));
                }

                w[m] = PrimeField.Sub(0, PrimeField.Mul(xs[i], w[m]));
            }

            // Q = sum_i y_i Lambda(x_i) v_i M(x) / (x - x_i): the interpolation of y Lambda (Lagrange).
            for (int i = 0; i < n; i++)
            {
                uint value = 0;
                for (int d = t; d >= 0; d--)
                {
                    value = PrimeField.Add(PrimeField.Mul(value, xs[i]), w[lambda + d]);
                }

                uint scale = PrimeField.Mul(PrimeField.Mul(ys[i], value), w[v + i]);
                uint quotient = 1;
                for (int d = n - 1; d >= 0; d--)
                {
                    w[acc + d] = PrimeField.Add(w[acc + d], PrimeField.Mul(scale, quotient));
                    quotient = PrimeField.Add(w[m + d], PrimeField.Mul(xs[i], quotient));
                }
            }

            // Q = f Lambda with deg f < k: Q vanishes from degree k + t, and Lambda divides it.
            for (int d = k + t; d < n; d++)
            {
                ok &= ~NonZeroMask(w[acc + d]);
            }

            for (int d = k + t - 1; d >= t; d--)
            {
                uint lead = w[acc + d];
                coefficients[d - t] = lead;
                for (int l = 0; l < t; l++)
                {
                    w[acc + d - t + l] = PrimeField.Sub(w[acc + d - t + l], PrimeField.Mul(lead, w[lambda + l]));
                }

                w[acc + d] = 0;
            }

            for (int d = 0; d < t; d++)
            {
                ok &= ~NonZeroMask(w[acc + d]);
            }

            for (int i = 0; i < k; i++)
            {
                coefficients[i] &= ok;
            }

            return ok != 0;
        }

        // Berlekamp–Massey on S[0..s) with a fixed schedule: C (connection polynomial, C_0 = 1) and B
        // (x^m times the last C before a length change) of s + 1 coefficients, T scratch. Returns L.
        private static int BerlekampMassey(uint[] w, int syn, int c, int b, int tmp, int s)
        {
            w[c] = 1;
            if (s > 0)
            {
                w[b + 1] = 1;
            }

            int length = 0;
            uint last = 1;
            for (int r = 0; r < s; r++)
            {
                uint discrepancy = 0;
                for (int i = 0; i <= r; i++)
                {
                    discrepancy = PrimeField.Add(discrepancy, PrimeField.Mul(w[c + i], w[syn + r - i]));
                }

                uint factor = PrimeField.Mul(discrepancy, PrimeField.Inverse(last));
                uint change = NonZeroMask(discrepancy) & AtMostMask(2 * length, r);
                for (int i = 0; i <= s; i++)
                {
                    w[tmp + i] = w[c + i];
                    w[c + i] = PrimeField.Sub(w[c + i], PrimeField.Mul(factor, w[b + i]));
                }

                length = (int)Select(change, (uint)(r + 1 - length), (uint)length);
                last = Select(change, discrepancy, last);

                // B becomes x T after a length change, x B otherwise.
                for (int i = s; i > 0; i--)
                {
                    w[b + i] = Select(change, w[tmp + i - 1], w[b + i - 1]);
                }

                w[b] = 0;
            }

            return length;
        }

        // All ones when a (below 2^31) is not zero.
        private static uint NonZeroMask(uint a)
        {
            return (uint)0 - ((a | ((uint)0 - a)) >> 31);
        }

        // All ones when a <= limit (both in [0, 2^31)).
        private static uint AtMostMask(int a, int limit)
        {
            return (uint)0 - (((uint)(limit - a) >> 31) ^ 1);
        }

        private static uint Select(uint mask, uint a, uint b)
        {
            return (a & mask) | (b & ~mask);
        }
    }
}
