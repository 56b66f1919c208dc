using CardFirmware.Crypto.Native;

namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The code kernels in the native module (crypto/Native include/cffinger.h): one module call for a
    /// touch's code set, one per helper-data window of the vault scan, and an enrollment's chaff (one per
    /// block of random bytes), genuine values and sort; the vault's HMAC_DRBG runs on the module's HMAC.
    /// </summary>
    /// <remarks>Security: the count scratch is wiped after each use; the module keeps nothing (cffinger.h).</remarks>
    internal sealed class NativeCodeKernels : ICodeKernels, CardFirmware.Crypto.IHmacSha256
    {
        private readonly INativeModule _module;
        private readonly int[] _count = new int[1];

        /// <summary>Kernels over <paramref name="module"/> (the card's interop module, or the desktop's P/Invoke one).</summary>
        /// <exception cref="BiometricException">BadArgument when <paramref name="module"/> is null.</exception>
        public NativeCodeKernels(INativeModule module)
        {
            if (module == null)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _module = module;
        }

        /// <inheritdoc/>
        public CardFirmware.Crypto.IHmacSha256 Hmac
        {
            get { return this; }
        }

        /// <inheritdoc/>
        public int Codes(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions)
        {
            try
            {
                _count[0] = m.Count;
                int unique = Checked(_module.FingerCodes(m.X, m.Y, m.Type, m.Angle, m.Reliability, _count, tolerant ? 1 : 0,
                    TripletEncoder.Parameters, TripletEncoder.Tolerances, codes.Storage, codes.Length));
                m.Count = _count[0];
                return unique;
            }
            finally
            {
                _count[0] = 0;
            }
        }

        /// <inheritdoc/>
        public int Match(CodeBuffer query, int queryCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount)
        {
            return Checked(_module.FingerMatch(query.Storage, queryCount, points, pointCount, first, unlocked, unlockedCount));
        }

        /// <inheritdoc/>
        public bool CheckPoints(byte[] points, int pointCount, int[] lastX)
        {
            // cffinger.h: -CF_ERR_ENCODING for a malformed point; any other refusal is a caller's error.
            int result = _module.FingerCheckPoints(points, pointCount, lastX);
            return result != -CardFirmware.Crypto.Native.NativeResult.Encoding && Checked(result) == 0;
        }

        /// <inheritdoc/>
        public int Chaff(byte[] random, uint[] xs, uint[] ys, int count, int size, int[] tries, int maxTries)
        {
            return Checked(_module.FingerChaff(random, FrameGeometry.Side, TripletEncoder.Parameters, TripletEncoder.Tolerances,
                xs, ys, count, size, tries, maxTries));
        }

        /// <inheritdoc/>
        public bool Decode(ReedSolomonDecoder decoder, uint[] xs, uint[] ys, int count, int k, uint[] coefficients)
        {
            if (count > decoder.MaxPoints || count < k)
            {
                return false;
            }

            try
            {
                return Checked(_module.FingerRsDecode(xs, ys, count, k, decoder.Work, coefficients)) == 1;
            }
            finally
            {
                decoder.Clear();
            }
        }

        /// <inheritdoc/>
        public void SortPoints(uint[] xs, uint[] ys, int count)
        {
            Checked(_module.FingerSortPoints(xs, ys, count));
        }

        /// <inheritdoc/>
        public void Evaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count)
        {
            Checked(_module.FingerVaultEvaluate(coefficients, k, xs, ys, count));
        }

        /// <summary>HMAC-SHA256 in the module (the vault's HMAC_DRBG).</summary>
        /// <exception cref="BiometricException">BadArgument when the module refuses the ranges.</exception>
        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            // INativeModule implementations may assume valid ranges: checked here, as NativeArithmeticBackend does.
            if (key == null || data == null || output == null || offset < 0 || count < 0 || offset > data.Length - count
                || outputOffset < 0 || outputOffset > output.Length - 32
                || _module.HmacSha256(key, data, offset, count, output, outputOffset) != 0)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }
        }

        // cffinger.h: a result below 0 is a refused argument (-CF_ERR_ARGUMENT), which the callers'
        // fixed sizes rule out; it is reported, never ignored.
        private static int Checked(int result)
        {
            if (result < 0)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            return result;
        }
    }
}
