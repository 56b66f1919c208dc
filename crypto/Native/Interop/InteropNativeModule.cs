using System.Runtime.CompilerServices;

namespace CardFirmware.Crypto.Native
{
    /// <summary>
    /// The card binding of <see cref="INativeModule"/>: nanoFramework interop. Each extern below is
    /// implemented by the C glue in crypto/Native/nanoframework/ (named after this assembly,
    /// namespace, class and method, as the nanoFramework metadata processor's stubs are), which
    /// pins the arrays and calls the cfnative function of the same name.
    /// </summary>
    /// <remarks>
    /// Card only: on the desktop the runtime refuses InternalCall methods outside its core library,
    /// so the desktop uses the P/Invoke binding (crypto/Native/Desktop) with the same backend.
    /// Changing any signature here changes the native methods checksum; the glue must then be
    /// regenerated (../README.md "Card build").
    /// </remarks>
    public sealed class InteropNativeModule : INativeModule
    {
        /// <inheritdoc/>
        public int SelfTest()
        {
            return NativeSelfTest();
        }

        /// <inheritdoc/>
        public int Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            return NativeSha256(data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public int Sha256Many(byte[] messages, int messageLength, int count, byte[] output)
        {
            return NativeSha256Many(messages, messageLength, count, output);
        }

        /// <inheritdoc/>
        public int Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length)
        {
            return NativeSha256Expand(prefix, prefixLength, output, outputOffset, length);
        }

        /// <inheritdoc/>
        public int HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            return NativeHmacSha256(key, data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public int ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            return NativeChaCha20Poly1305Seal(key, nonce, aad, input, inputOffset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public int ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            return NativeChaCha20Poly1305Open(key, nonce, aad, input, inputOffset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public int ScalarReduce(byte[] x, byte[] result)
        {
            return NativeScalarReduce(x, result);
        }

        /// <inheritdoc/>
        public int ScalarNegate(byte[] a, byte[] result)
        {
            return NativeScalarNegate(a, result);
        }

        /// <inheritdoc/>
        public int ScalarInvert(byte[] a, byte[] result)
        {
            return NativeScalarInvert(a, result);
        }

        /// <inheritdoc/>
        public int ModNVector(int operation, byte[] a, byte[] b, int count, byte[] result)
        {
            return NativeModNVector(operation, a, b, count, result);
        }

        /// <inheritdoc/>
        public int ModNScale(byte[] s, byte[] a, int count, byte[] result)
        {
            return NativeModNScale(s, a, count, result);
        }

        /// <inheritdoc/>
        public int ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result)
        {
            return NativeModNInnerProduct(g, a, count, result);
        }

        /// <inheritdoc/>
        public int Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result)
        {
            return NativeGf192MulAccumulate(rows, challenges, count, result);
        }

        /// <inheritdoc/>
        public int Transpose(byte[] columns, int width, int columnBytes, byte[] rows)
        {
            return NativeTranspose(columns, width, columnBytes, rows);
        }

        /// <inheritdoc/>
        public int PointBaseMul(byte[] k, byte[] result)
        {
            return NativePointBaseMul(k, result);
        }

        /// <inheritdoc/>
        public int PointMul(byte[] k, byte[] point, byte[] result)
        {
            return NativePointMul(k, point, result);
        }

        /// <inheritdoc/>
        public int PointAdd(byte[] p, byte[] q, byte[] result)
        {
            return NativePointAdd(p, q, result);
        }

        /// <inheritdoc/>
        public int PointMultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result)
        {
            return NativePointMultiMulVartime(a, b, point, result);
        }

        /// <inheritdoc/>
        public int PointReencode(byte[] point, bool compressed, byte[] result)
        {
            return NativePointReencode(point, compressed, result);
        }

        /// <inheritdoc/>
        public int PointLiftX(byte[] x, byte[] result)
        {
            return NativePointLiftX(x, result);
        }

        /// <inheritdoc/>
        public int RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int messageOffset, byte[] bobInput)
        {
            return NativeRvoleBobStart(seeds0, seeds1, context, choices, work, message, messageOffset, bobInput);
        }

        /// <inheritdoc/>
        public int RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int messageOffset, byte[] shares)
        {
            return NativeRvoleAlice(delta, seeds, context, bobMessage, bobOffset, inputs, work, message, messageOffset, shares);
        }

        /// <inheritdoc/>
        public int RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state)
        {
            return NativeRvoleAliceBegin(delta, seeds, context, bobMessage, bobOffset, work, state);
        }

        /// <inheritdoc/>
        public int RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int messageOffset)
        {
            return NativeRvoleAliceRows(delta, context, inputs, work, state, rowCount, message, messageOffset);
        }

        /// <inheritdoc/>
        public int RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int outputOffset, byte[] shares)
        {
            return NativeRvoleAliceEnd(context, inputs, work, state, output, outputOffset, shares);
        }

        /// <inheritdoc/>
        public int RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int messageOffset, byte[] work, byte[] shares)
        {
            return NativeRvoleBobFinish(seeds0, choices, context, aliceMessage, messageOffset, work, shares);
        }

        /// <inheritdoc/>
        public int FingerStretch(byte[] frame)
        {
            return NativeFingerStretch(frame);
        }

        /// <inheritdoc/>
        public int FingerBlocks(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex)
        {
            return NativeFingerBlocks(frame, foreground, cos2, sin2, coherence, kernelIndex);
        }

        /// <inheritdoc/>
        public int FingerGateSums(byte[] frame, byte[] foreground, float[] coherence, float[] sums)
        {
            return NativeFingerGateSums(frame, foreground, coherence, sums);
        }

        /// <inheritdoc/>
        public int FingerNormalise(byte[] frame, byte[] foreground)
        {
            return NativeFingerNormalise(frame, foreground);
        }

        /// <inheritdoc/>
        public int FingerPeriod(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period)
        {
            return NativeFingerPeriod(frame, foreground, cos2, sin2, coherence, period);
        }

        /// <inheritdoc/>
        public int FingerGabor(float period, float sigma, float[] kernels)
        {
            return NativeFingerGabor(period, sigma, kernels);
        }

        /// <inheritdoc/>
        public int FingerFilter(byte[] frame, byte[] foreground, byte[] kernelIndex, float[] kernels)
        {
            return NativeFingerFilter(frame, foreground, kernelIndex, kernels);
        }

        /// <inheritdoc/>
        public int FingerThin(byte[] frame)
        {
            return NativeFingerThin(frame);
        }

        /// <inheritdoc/>
        public int FingerMinutiae(byte[] skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters,
            byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability)
        {
            return NativeFingerMinutiae(skeleton, foreground, cos2, sin2, coherence, parameters, x, y, type, angle, reliability);
        }

        /// <inheritdoc/>
        public int FingerCodes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant,
            int[] parameters, float[] tolerances, byte[] codes, int capacity)
        {
            return NativeFingerCodes(x, y, type, angle, reliability, count, tolerant, parameters, tolerances, codes, capacity);
        }

        /// <inheritdoc/>
        public int FingerMatch(byte[] codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount)
        {
            return NativeFingerMatch(codes, codeCount, points, pointCount, first, unlocked, unlockedCount);
        }

        /// <inheritdoc/>
        public int FingerCheckPoints(byte[] points, int pointCount, int[] lastX)
        {
            return NativeFingerCheckPoints(points, pointCount, lastX);
        }

        /// <inheritdoc/>
        public int FingerPercentiles(byte[] frame, int count, int[] ranks, int[] levels)
        {
            return NativeFingerPercentiles(frame, count, ranks, levels);
        }

        /// <inheritdoc/>
        public int FingerChaff(byte[] random, int side, int[] parameters, float[] tolerances, uint[] xs, uint[] ys, int count, int size,
            int[] tries, int maxTries)
        {
            return NativeFingerChaff(random, side, parameters, tolerances, xs, ys, count, size, tries, maxTries);
        }

        /// <inheritdoc/>
        public int FingerRsDecode(uint[] xs, uint[] ys, int count, int k, uint[] work, uint[] coefficients)
        {
            return NativeFingerRsDecode(xs, ys, count, k, work, coefficients);
        }

        /// <inheritdoc/>
        public int FingerSortPoints(uint[] xs, uint[] ys, int count)
        {
            return NativeFingerSortPoints(xs, ys, count);
        }

        /// <inheritdoc/>
        public int FingerVaultEvaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count)
        {
            return NativeFingerVaultEvaluate(coefficients, k, xs, ys, count);
        }

        /// <inheritdoc/>
        public int FingerFrameWrite(byte[] rows, int firstRow, int rowCount)
        {
            return NativeFingerFrameWrite(rows, firstRow, rowCount);
        }

        /// <inheritdoc/>
        public int FingerFrameClear()
        {
            return NativeFingerFrameClear();
        }

        /// <inheritdoc/>
        public int FingerFrameIsClear()
        {
            return NativeFingerFrameIsClear();
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSelfTest();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha256(byte[] data, int offset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha256Many(byte[] messages, int messageLength, int count, byte[] output);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeHmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeScalarReduce(byte[] x, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeScalarNegate(byte[] a, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeScalarInvert(byte[] a, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeModNVector(int operation, byte[] a, byte[] b, int count, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeModNScale(byte[] s, byte[] a, int count, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeModNInnerProduct(byte[] g, byte[] a, int count, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeTranspose(byte[] columns, int width, int columnBytes, byte[] rows);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointBaseMul(byte[] k, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointMul(byte[] k, byte[] point, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointAdd(byte[] p, byte[] q, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointMultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointReencode(byte[] point, bool compressed, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePointLiftX(byte[] x, byte[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int messageOffset, byte[] bobInput);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int messageOffset, byte[] shares);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int messageOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int outputOffset, byte[] shares);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int messageOffset, byte[] work, byte[] shares);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerStretch(byte[] frame);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerBlocks(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerGateSums(byte[] frame, byte[] foreground, float[] coherence, float[] sums);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerNormalise(byte[] frame, byte[] foreground);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerPeriod(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerGabor(float period, float sigma, float[] kernels);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerFilter(byte[] frame, byte[] foreground, byte[] kernelIndex, float[] kernels);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerThin(byte[] frame);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerMinutiae(byte[] skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters,
            byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerCodes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant,
            int[] parameters, float[] tolerances, byte[] codes, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerMatch(byte[] codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerCheckPoints(byte[] points, int pointCount, int[] lastX);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerPercentiles(byte[] frame, int count, int[] ranks, int[] levels);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerChaff(byte[] random, int side, int[] parameters, float[] tolerances, uint[] xs, uint[] ys, int count, int size,
            int[] tries, int maxTries);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerRsDecode(uint[] xs, uint[] ys, int count, int k, uint[] work, uint[] coefficients);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerSortPoints(uint[] xs, uint[] ys, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerVaultEvaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerFrameWrite(byte[] rows, int firstRow, int rowCount);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerFrameClear();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFingerFrameIsClear();
    }
}
