namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Arithmetic modulo the Mersenne prime p = 2^31 - 1, the field of the fuzzy vault's polynomial.
    /// Elements are uints in [0, p); products fit a ulong, and x mod p folds with shifts.
    /// </summary>
    internal static class PrimeField
    {
        /// <summary>The modulus, 2^31 - 1.</summary>
        public const uint P = 0x7FFFFFFF;

        public static uint Add(uint a, uint b)
        {
            uint s = a + b;
            return s >= P ? s - P : s;
        }

        public static uint Sub(uint a, uint b)
        {
            return a >= b ? a - b : a + P - b;
        }

        public static uint Mul(uint a, uint b)
        {
            PipelineCounters.Add(ref PipelineCounters.FieldMultiplications, 1);
            return Reduce((ulong)a * b);
        }

        /// <summary>a^(p-2) = a^-1 for a != 0 (Fermat); 0 for 0.</summary>
        public static uint Inverse(uint a)
        {
            uint result = 1;
            uint b = a;
            uint e = P - 2;
            while (e != 0)
            {
                if ((e & 1) != 0)
                {
                    result = Mul(result, b);
                }

                b = Mul(b, b);
                e >>= 1;
            }

            return a == 0 ? 0 : result;
        }

        /// <summary>A value below 2^62 reduced mod p (2^31 = 1 mod p, so high bits fold onto low bits).</summary>
        public static uint Reduce(ulong v)
        {
            ulong folded = (v & P) + (v >> 31);
            folded = (folded & P) + (folded >> 31);
            return folded >= P ? (uint)(folded - P) : (uint)folded;
        }
    }
}
