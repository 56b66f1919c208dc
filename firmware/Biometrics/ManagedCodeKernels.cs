namespace CardFirmware.Biometrics
{
    /// <summary>The reference code kernels: the C# of <see cref="TripletEncoder"/>, <see cref="CodeSet"/>, <see cref="VaultChaff"/> and <see cref="PrimeField"/>.</summary>
    internal sealed class ManagedCodeKernels : ICodeKernels
    {
        /// <summary>The one instance (the kernels keep no state).</summary>
        public static readonly ManagedCodeKernels Instance = new ManagedCodeKernels();

        private ManagedCodeKernels()
        {
        }

        /// <inheritdoc/>
        public CardFirmware.Crypto.IHmacSha256 Hmac
        {
            get { return null; }
        }

        /// <inheritdoc/>
        public int Codes(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions)
        {
            return CodeSet.SortUnique(codes, TripletEncoder.EncodeFitting(m, tolerant, codes, bins, fractions));
        }

        /// <inheritdoc/>
        public int Match(CodeBuffer query, int queryCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount)
        {
            for (int j = 0; j < pointCount && unlockedCount < unlocked.Length; j++)
            {
                int at = j * HelperData.PointLength;
                uint x = ((uint)points[at] << 16) | ((uint)points[at + 1] << 8) | points[at + 2];
                if (CodeSet.Contains(query, queryCount, x))
                {
                    unlocked[unlockedCount] = (ushort)(first + j);
                    unlockedCount++;
                }
            }

            return unlockedCount;
        }

        /// <inheritdoc/>
        public bool CheckPoints(byte[] points, int pointCount, int[] lastX)
        {
            int previous = lastX[0];
            for (int j = 0; j < pointCount; j++)
            {
                int at = j * HelperData.PointLength;
                int x = (points[at] << 16) | (points[at + 1] << 8) | points[at + 2];
                uint y = ((uint)points[at + 3] << 24) | ((uint)points[at + 4] << 16) | ((uint)points[at + 5] << 8) | points[at + 6];
                if (y >= PrimeField.P || (previous >= 0 && x <= previous))
                {
                    return false;
                }

                previous = x;
            }

            lastX[0] = previous;
            return true;
        }

        /// <inheritdoc/>
        public int Chaff(byte[] random, uint[] xs, uint[] ys, int count, int size, int[] tries, int maxTries)
        {
            return VaultChaff.Fill(random, xs, ys, count, size, tries, maxTries);
        }

        /// <inheritdoc/>
        public bool Decode(ReedSolomonDecoder decoder, uint[] xs, uint[] ys, int count, int k, uint[] coefficients)
        {
            return decoder.Decode(xs, ys, count, k, coefficients);
        }

        /// <inheritdoc/>
        public void SortPoints(uint[] xs, uint[] ys, int count)
        {
            CodeSet.Sort(xs, ys, count);
        }

        /// <inheritdoc/>
        public void Evaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count)
        {
            for (int i = 0; i < count; i++)
            {
                // Horner's rule, highest coefficient first.
                uint x = xs[i];
                uint y = 0;
                for (int c = k - 1; c >= 0; c--)
                {
                    y = PrimeField.Add(PrimeField.Mul(y, x), coefficients[c]);
                }

                ys[i] = y;
            }
        }
    }
}
