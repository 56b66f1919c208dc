namespace CardFirmware.Crypto.Native
{
    /// <summary>
    /// The native module's entry points (../include/cfnative.h) as one managed-to-native call each,
    /// returning the module's result code (0 = success, see <see cref="NativeResult"/>). Two bindings
    /// exist: nanoFramework interop on the card (<see cref="InteropNativeModule"/>) and P/Invoke on the
    /// desktop (crypto/Native/Desktop). Callers go through <see cref="NativeArithmeticBackend"/>, which
    /// checks every length first: an implementation may assume its buffers match the contract.
    /// </summary>
    /// <remarks>Security: the native code is constant time in secret inputs (cfnative.h).</remarks>
    public interface INativeModule
    {
        /// <summary>cf_selftest: 0 when every known-answer test passes.</summary>
        int SelfTest();

        /// <summary>cf_sha256 over data[offset..offset+count) into output[outputOffset..+32).</summary>
        int Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>cf_sha256_many over count messages of messageLength bytes.</summary>
        int Sha256Many(byte[] messages, int messageLength, int count, byte[] output);

        /// <summary>cf_sha256_expand of prefix[0..prefixLength) into output[outputOffset..+length).</summary>
        int Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length);

        /// <summary>cf_hmac_sha256 with the whole key over data[offset..offset+count).</summary>
        int HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>cf_chacha20poly1305_seal of input[inputOffset..+count) into output[outputOffset..+count+16) (aad whole, never null).</summary>
        int ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        /// <summary>cf_chacha20poly1305_open of input[inputOffset..+count) into output[outputOffset..+count-16) (aad whole, never null).</summary>
        int ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        /// <summary>cf_scalar_reduce; returns 1 when x was at or above n, else 0.</summary>
        int ScalarReduce(byte[] x, byte[] result);

        /// <summary>cf_scalar_negate.</summary>
        int ScalarNegate(byte[] a, byte[] result);

        /// <summary>cf_scalar_invert.</summary>
        int ScalarInvert(byte[] a, byte[] result);

        /// <summary>cf_modn_add_vec (operation 0), cf_modn_sub_vec (1) or cf_modn_mul_vec (2).</summary>
        int ModNVector(int operation, byte[] a, byte[] b, int count, byte[] result);

        /// <summary>cf_modn_scale_vec.</summary>
        int ModNScale(byte[] s, byte[] a, int count, byte[] result);

        /// <summary>cf_modn_inner_product.</summary>
        int ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result);

        /// <summary>cf_gf192_mul_acc.</summary>
        int Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result);

        /// <summary>cf_transpose of width columns of columnBytes bytes.</summary>
        int Transpose(byte[] columns, int width, int columnBytes, byte[] rows);

        /// <summary>cf_point_base_mul.</summary>
        int PointBaseMul(byte[] k, byte[] result);

        /// <summary>cf_point_mul (the point's length is its array's).</summary>
        int PointMul(byte[] k, byte[] point, byte[] result);

        /// <summary>cf_point_add.</summary>
        int PointAdd(byte[] p, byte[] q, byte[] result);

        /// <summary>cf_point_multi_mul_var.</summary>
        int PointMultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result);

        /// <summary>cf_point_reencode.</summary>
        int PointReencode(byte[] point, bool compressed, byte[] result);

        /// <summary>cf_point_lift_x.</summary>
        int PointLiftX(byte[] x, byte[] result);

        /// <summary>cf_rvole_bob_start with the message at messageOffset.</summary>
        int RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int messageOffset, byte[] bobInput);

        /// <summary>cf_rvole_alice with Bob's message at bobOffset and hers at messageOffset.</summary>
        int RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int messageOffset, byte[] shares);

        /// <summary>cf_rvole_alice_begin with Bob's message at bobOffset.</summary>
        int RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state);

        /// <summary>cf_rvole_alice_rows writing rowCount rows of τ at messageOffset.</summary>
        int RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int messageOffset);

        /// <summary>cf_rvole_alice_end writing u ‖ ρ at outputOffset.</summary>
        int RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int outputOffset, byte[] shares);

        /// <summary>cf_rvole_bob_finish with Alice's message at messageOffset.</summary>
        int RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int messageOffset, byte[] work, byte[] shares);

        /// <summary>
        /// cf_finger_frame_write: rowCount rows (rows: rowCount x 192 bytes) into the module's resident frame from row
        /// firstRow; 0, or -CF_ERR_ARGUMENT (nothing written) for rows outside the frame or a batch of another size.
        /// The resident frame is the card's one sensor frame, held outside the managed heap: every Finger* call
        /// below that takes a frame (or a code buffer) works on it when given a zero-length array
        /// (<see cref="ResidentFrame.Handle"/>). The card has one; the desktop library one per calling thread.
        /// </summary>
        /// <remarks>Security: biometric; wiped by <see cref="FingerFrameClear"/> after every touch.</remarks>
        int FingerFrameWrite(byte[] rows, int firstRow, int rowCount);

        /// <summary>cf_finger_frame_clear: wipes the resident frame; 0.</summary>
        int FingerFrameClear();

        /// <summary>cf_finger_frame_is_clear: 1 if every byte of the resident frame is zero, else 0.</summary>
        int FingerFrameIsClear();

        /// <summary>cf_finger_stretch over a 36,864-byte frame, in place: 1 if stretched, 0 if left as it was.</summary>
        int FingerStretch(byte[] frame);

        /// <summary>cf_finger_blocks: foreground, orientation (cos 2θ, sin 2θ), coherence and kernel index of 576 blocks.</summary>
        int FingerBlocks(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex);

        /// <summary>cf_finger_gate_sums: the finger blocks (result) and their deviation and coherence sums (sums[0], sums[1]).</summary>
        int FingerGateSums(byte[] frame, byte[] foreground, float[] coherence, float[] sums);

        /// <summary>cf_finger_normalise of the frame in place.</summary>
        int FingerNormalise(byte[] frame, byte[] foreground);

        /// <summary>cf_finger_period into period[0].</summary>
        int FingerPeriod(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period);

        /// <summary>cf_finger_gabor: the 16 x 61 stored taps of the kernels for the period and envelope.</summary>
        int FingerGabor(float period, float sigma, float[] kernels);

        /// <summary>cf_finger_filter of the normalised frame into its ridge map, in place: the ridge pixels, or -CF_ERR_ARGUMENT.</summary>
        int FingerFilter(byte[] frame, byte[] foreground, byte[] kernelIndex, float[] kernels);

        /// <summary>cf_finger_thin of the ridge map in place: the passes.</summary>
        int FingerThin(byte[] frame);

        /// <summary>
        /// cf_finger_minutiae of the skeleton (36,864 bytes) with the 576-entry block arrays into the minutia
        /// arrays (all the same length, the capacity): the minutiae kept. parameters: 4 ints (CF_MINUTIA_*).
        /// </summary>
        int FingerMinutiae(byte[] skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters,
            byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability);

        /// <summary>
        /// cf_finger_codes: the sorted distinct codes of count[0] minutiae (arrays of at least that many)
        /// into codes (at least 3 x capacity bytes), fitting the cap by dropping minutiae (count[0] updated).
        /// parameters: 5 ints, tolerances: 2 floats (cffinger.h, CF_CODE_*).
        /// </summary>
        int FingerCodes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant,
            int[] parameters, float[] tolerances, byte[] codes, int capacity);

        /// <summary>
        /// cf_finger_match: appends to unlocked (its length is the most kept) first + the index of every one
        /// of pointCount 7-byte points whose x is in codes[0..codeCount); returns the new count.
        /// </summary>
        int FingerMatch(byte[] codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount);

        /// <summary>
        /// cf_finger_check_points of pointCount 7-byte helper-data points: 0 when every y is below 2^31 - 1 and every x
        /// above the one before (the first above lastX[0] unless it is negative; lastX[0] then becomes the last x), else -CF_ERR_ENCODING.
        /// </summary>
        int FingerCheckPoints(byte[] points, int pointCount, int[] lastX);

        /// <summary>cf_finger_percentiles of frame[0..count): levels[r] = the ranks[r]-th darkest grey level (0-based), for every entry of ranks (at most 16; levels as long).</summary>
        int FingerPercentiles(byte[] frame, int count, int[] ranks, int[] levels);

        /// <summary>cf_finger_chaff from the whole random block into xs, ys (count to size; tries[0] updated); returns the new count.</summary>
        int FingerChaff(byte[] random, int side, int[] parameters, float[] tolerances, uint[] xs, uint[] ys, int count, int size,
            int[] tries, int maxTries);

        /// <summary>cf_finger_rs_decode of count points (work: the decoder's work space, at least 9 count + 5 words): 1 decoded, 0 not.</summary>
        int FingerRsDecode(uint[] xs, uint[] ys, int count, int k, uint[] work, uint[] coefficients);

        /// <summary>cf_finger_sort_points of xs[0..count) with ys as companions.</summary>
        int FingerSortPoints(uint[] xs, uint[] ys, int count);

        /// <summary>cf_finger_vault_evaluate: ys[i] = P(xs[i]) for i below count, P's k coefficients constant term first.</summary>
        int FingerVaultEvaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count);
    }
}
