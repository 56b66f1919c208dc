namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The stages after the skeleton, one call each: a touch's triangle code set, the vault points it
    /// unlocks (one call per helper-data window), and an enrollment's chaff, genuine points and point
    /// sort. Two implementations give the same bytes: <see cref="ManagedCodeKernels"/> (the reference,
    /// the project's C#) and <see cref="NativeCodeKernels"/> (crypto/Native cffinger.h); tests/Native.Tests
    /// holds them to it. The scheme's parameters (<see cref="TripletEncoder"/>'s sides, bins and
    /// tolerances) are passed to the native module on every call, so the C# constants stay the one place
    /// they are set.
    /// </summary>
    /// <remarks>Security: codes and minutiae are biometric, coefficients secret; implementations keep no copy and leave no scratch unwiped.</remarks>
    internal interface ICodeKernels
    {
        /// <summary>
        /// <see cref="TripletEncoder.EncodeFitting"/> then <see cref="CodeSet.SortUnique(CodeBuffer, int)"/>:
        /// the touch's sorted distinct codes in <paramref name="codes"/> (returns how many); may drop
        /// minutiae from <paramref name="m"/>. bins and fractions are 6-entry scratch the caller wipes.
        /// </summary>
        int Codes(MinutiaSet m, bool tolerant, CodeBuffer codes, int[] bins, float[] fractions);

        /// <summary>
        /// Appends to <paramref name="unlocked"/> (at most its length) first + the index of each of the
        /// <paramref name="pointCount"/> helper-data points in <paramref name="points"/> (7 bytes apiece,
        /// <see cref="HelperData"/>'s layout) whose x is in the sorted set query[0..queryCount); returns the new count.
        /// </summary>
        int Match(CodeBuffer query, int queryCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount);

        /// <summary>
        /// <see cref="HelperData"/>'s check of <paramref name="pointCount"/> points read from flash (7 bytes apiece):
        /// every y below <see cref="PrimeField.P"/> and every x above the one before, the first above lastX[0]
        /// unless it is negative. True (lastX[0] then the last x), or false for a malformed point (lastX[0] unchanged).
        /// </summary>
        bool CheckPoints(byte[] points, int pointCount, int[] lastX);

        /// <summary>
        /// <see cref="VaultChaff"/>: chaff points from one block of random bytes into xs, ys from
        /// <paramref name="count"/> up to <paramref name="size"/>; tries[0] counts the attempts (at most
        /// <paramref name="maxTries"/>). Returns the new count.
        /// </summary>
        int Chaff(byte[] random, uint[] xs, uint[] ys, int count, int size, int[] tries, int maxTries);

        /// <summary>
        /// <see cref="ReedSolomonDecoder.Decode"/> in <paramref name="decoder"/>'s work space: the k coefficients
        /// through all but (count - k) / 2 of the points, or false.
        /// </summary>
        bool Decode(ReedSolomonDecoder decoder, uint[] xs, uint[] ys, int count, int k, uint[] coefficients);

        /// <summary><see cref="CodeSet.Sort(uint[], uint[], int)"/> of the vault's points by x.</summary>
        void SortPoints(uint[] xs, uint[] ys, int count);

        /// <summary>ys[i] = P(xs[i]) over <see cref="PrimeField"/> for i below count (P's k coefficients, constant term first). Constant time in the coefficients on the native side.</summary>
        void Evaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count);

        /// <summary>The HMAC the vault's HMAC_DRBG and its key derivation (HKDF) run on (the native module's), or null for the managed HMAC.</summary>
        CardFirmware.Crypto.IHmacSha256 Hmac { get; }
    }
}
