using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CardFirmware.Crypto.Native.Desktop;

/// <summary>
/// The desktop binding of <see cref="INativeModule"/>: P/Invoke into libcfnative.so, which the
/// build places next to the application (see the project file). <see cref="TryCreate"/> says
/// whether the library is there; the backend over it is <see cref="NativeArithmeticBackend"/>.
/// </summary>
/// <remarks>
/// Security: arrays are pinned for the duration of each call; the native code keeps no pointer
/// after returning. The lengths passed are checked by <see cref="NativeArithmeticBackend"/> first.
/// </remarks>
public sealed class PInvokeNativeModule : INativeModule
{
    /// <summary>cfnative.h CF_VERSION this binding was written against.</summary>
    public const int ExpectedVersion = 4;

    private const string Library = "cfnative";

    private PInvokeNativeModule()
    {
    }

    /// <summary>
    /// Loads the library and returns the module, or null with <paramref name="reason"/> saying why
    /// (not built on this machine, or a version other than this binding's).
    /// </summary>
    public static PInvokeNativeModule? TryCreate(out string reason)
    {
        try
        {
            int version = Native.cf_version();
            if (version != ExpectedVersion)
            {
                reason = $"libcfnative.so has version {version}, this binding expects {ExpectedVersion}";
                return null;
            }
        }
        catch (DllNotFoundException)
        {
            reason = "libcfnative.so is not next to the application (its build needs cmake, gcc and libsecp256k1-dev)";
            return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or BadImageFormatException)
        {
            reason = $"libcfnative.so could not be used ({e.GetType().Name}); rebuild it";
            return null;
        }

        reason = string.Empty;
        return new PInvokeNativeModule();
    }

    /// <inheritdoc/>
    public int SelfTest() => Native.cf_selftest();

    /// <inheritdoc/>
    public int Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset) =>
        Native.cf_sha256(ref At(data, offset), (nuint)count, ref At(output, outputOffset));

    /// <inheritdoc/>
    public int Sha256Many(byte[] messages, int messageLength, int count, byte[] output) =>
        Native.cf_sha256_many(ref At(messages, 0), (nuint)messageLength, (nuint)count, ref At(output, 0));

    /// <inheritdoc/>
    public int Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length) =>
        Native.cf_sha256_expand(ref At(prefix, 0), (nuint)prefixLength, ref At(output, outputOffset), (nuint)length);

    /// <inheritdoc/>
    public int HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset) =>
        Native.cf_hmac_sha256(ref At(key, 0), (nuint)key.Length, ref At(data, offset), (nuint)count, ref At(output, outputOffset));

    /// <inheritdoc/>
    public int ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset) =>
        Native.cf_chacha20poly1305_seal(key, nonce, ref At(aad, 0), (nuint)aad.Length, ref At(input, inputOffset), (nuint)count, ref At(output, outputOffset));

    /// <inheritdoc/>
    public int ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int inputOffset, int count, byte[] output, int outputOffset) =>
        Native.cf_chacha20poly1305_open(key, nonce, ref At(aad, 0), (nuint)aad.Length, ref At(input, inputOffset), (nuint)count, ref At(output, outputOffset));

    /// <inheritdoc/>
    public int ScalarReduce(byte[] x, byte[] result)
    {
        Native.cf_scalar_reduce(x, result, out int reduced);
        return reduced;
    }

    /// <inheritdoc/>
    public int ScalarNegate(byte[] a, byte[] result) => Native.cf_scalar_negate(a, result);

    /// <inheritdoc/>
    public int ScalarInvert(byte[] a, byte[] result) => Native.cf_scalar_invert(a, result);

    /// <inheritdoc/>
    public int ModNVector(int operation, byte[] a, byte[] b, int count, byte[] result) => operation switch
    {
        0 => Native.cf_modn_add_vec(ref At(a, 0), ref At(b, 0), (nuint)count, ref At(result, 0)),
        1 => Native.cf_modn_sub_vec(ref At(a, 0), ref At(b, 0), (nuint)count, ref At(result, 0)),
        2 => Native.cf_modn_mul_vec(ref At(a, 0), ref At(b, 0), (nuint)count, ref At(result, 0)),
        _ => NativeResult.Argument,
    };

    /// <inheritdoc/>
    public int ModNScale(byte[] s, byte[] a, int count, byte[] result) =>
        Native.cf_modn_scale_vec(s, ref At(a, 0), (nuint)count, ref At(result, 0));

    /// <inheritdoc/>
    public int ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result) =>
        Native.cf_modn_inner_product(ref At(g, 0), ref At(a, 0), (nuint)count, result);

    /// <inheritdoc/>
    public int Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result) =>
        Native.cf_gf192_mul_acc(ref At(rows, 0), ref At(challenges, 0), (nuint)count, result);

    /// <inheritdoc/>
    public int Transpose(byte[] columns, int width, int columnBytes, byte[] rows) =>
        Native.cf_transpose(columns, (nuint)width, (nuint)columnBytes, rows);

    /// <inheritdoc/>
    public int PointBaseMul(byte[] k, byte[] result) => Native.cf_point_base_mul(k, result);

    /// <inheritdoc/>
    public int PointMul(byte[] k, byte[] point, byte[] result) =>
        Native.cf_point_mul(k, point, (nuint)point.Length, result);

    /// <inheritdoc/>
    public int PointAdd(byte[] p, byte[] q, byte[] result) =>
        Native.cf_point_add(p, (nuint)p.Length, q, (nuint)q.Length, result);

    /// <inheritdoc/>
    public int PointMultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result) =>
        Native.cf_point_multi_mul_var(a, b, point, (nuint)point.Length, result);

    /// <inheritdoc/>
    public int PointReencode(byte[] point, bool compressed, byte[] result) =>
        Native.cf_point_reencode(point, (nuint)point.Length, compressed ? 1 : 0, result);

    /// <inheritdoc/>
    public int PointLiftX(byte[] x, byte[] result) => Native.cf_point_lift_x(x, result);

    /// <inheritdoc/>
    public int RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int messageOffset, byte[] bobInput) =>
        Native.cf_rvole_bob_start(seeds0, seeds1, context, choices, work, ref At(message, messageOffset), bobInput);

    /// <inheritdoc/>
    public int RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int messageOffset, byte[] shares) =>
        Native.cf_rvole_alice(delta, seeds, context, ref At(bobMessage, bobOffset), inputs, work, ref At(message, messageOffset), shares);

    /// <inheritdoc/>
    public int RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state) =>
        Native.cf_rvole_alice_begin(delta, seeds, context, ref At(bobMessage, bobOffset), work, state);

    /// <inheritdoc/>
    public int RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int messageOffset) =>
        Native.cf_rvole_alice_rows(delta, context, inputs, work, state, (nuint)rowCount, ref At(message, messageOffset));

    /// <inheritdoc/>
    public int RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int outputOffset, byte[] shares) =>
        Native.cf_rvole_alice_end(context, inputs, work, state, ref At(output, outputOffset), shares);

    /// <inheritdoc/>
    public int RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int messageOffset, byte[] work, byte[] shares) =>
        Native.cf_rvole_bob_finish(seeds0, choices, context, ref At(aliceMessage, messageOffset), work, shares);

    /// <inheritdoc/>
    public int FingerStretch(byte[] frame) =>
        IsResident(frame) ? Native.cf_finger_stretch(Native.cf_finger_frame()) : Native.cf_finger_stretch(frame);

    /// <inheritdoc/>
    public int FingerBlocks(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex) =>
        IsResident(frame)
            ? Native.cf_finger_blocks(Native.cf_finger_frame(), foreground, cos2, sin2, coherence, kernelIndex)
            : Native.cf_finger_blocks(frame, foreground, cos2, sin2, coherence, kernelIndex);

    /// <inheritdoc/>
    public int FingerGateSums(byte[] frame, byte[] foreground, float[] coherence, float[] sums) =>
        IsResident(frame)
            ? Native.cf_finger_gate_sums(Native.cf_finger_frame(), foreground, coherence, sums)
            : Native.cf_finger_gate_sums(frame, foreground, coherence, sums);

    /// <inheritdoc/>
    public int FingerNormalise(byte[] frame, byte[] foreground) =>
        IsResident(frame) ? Native.cf_finger_normalise(Native.cf_finger_frame(), foreground) : Native.cf_finger_normalise(frame, foreground);

    /// <inheritdoc/>
    public int FingerPeriod(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period) =>
        IsResident(frame)
            ? Native.cf_finger_period(Native.cf_finger_frame(), foreground, cos2, sin2, coherence, period)
            : Native.cf_finger_period(frame, foreground, cos2, sin2, coherence, period);

    /// <inheritdoc/>
    public int FingerGabor(float period, float sigma, float[] kernels) => Native.cf_finger_gabor(period, sigma, kernels);

    /// <inheritdoc/>
    public int FingerFilter(byte[] frame, byte[] foreground, byte[] kernelIndex, float[] kernels) =>
        IsResident(frame)
            ? Native.cf_finger_filter(Native.cf_finger_frame(), foreground, kernelIndex, kernels)
            : Native.cf_finger_filter(frame, foreground, kernelIndex, kernels);

    /// <inheritdoc/>
    public int FingerThin(byte[] frame) =>
        IsResident(frame) ? Native.cf_finger_thin(Native.cf_finger_frame()) : Native.cf_finger_thin(frame);

    /// <inheritdoc/>
    public int FingerMinutiae(byte[] skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters,
        byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability) =>
        IsResident(skeleton)
            ? Native.cf_finger_minutiae(Native.cf_finger_frame(), foreground, cos2, sin2, coherence, parameters, x, y, type, angle, reliability, x.Length)
            : Native.cf_finger_minutiae(skeleton, foreground, cos2, sin2, coherence, parameters, x, y, type, angle, reliability, x.Length);

    /// <inheritdoc/>
    public int FingerCodes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant,
        int[] parameters, float[] tolerances, byte[] codes, int capacity) =>
        IsResident(codes)
            ? (capacity < 0 || capacity > ResidentCodes ? -NativeResult.Argument
                : Native.cf_finger_codes(x, y, type, angle, reliability, count, tolerant, parameters, tolerances, Native.cf_finger_frame(), capacity))
            : Native.cf_finger_codes(x, y, type, angle, reliability, count, tolerant, parameters, tolerances, codes, capacity);

    /// <inheritdoc/>
    public int FingerMatch(byte[] codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount) =>
        IsResident(codes)
            ? (codeCount < 0 || codeCount > ResidentCodes ? -NativeResult.Argument
                : Native.cf_finger_match(Native.cf_finger_frame(), codeCount, points, pointCount, first, unlocked, unlockedCount, unlocked.Length))
            : Native.cf_finger_match(codes, codeCount, points, pointCount, first, unlocked, unlockedCount, unlocked.Length);

    /// <inheritdoc/>
    public int FingerCheckPoints(byte[] points, int pointCount, int[] lastX) =>
        pointCount < 0 || pointCount > points.Length / 7 || lastX.Length != 1 ? -NativeResult.Argument : Native.cf_finger_check_points(points, pointCount, lastX);

    /// <inheritdoc/>
    public int FingerPercentiles(byte[] frame, int count, int[] ranks, int[] levels) =>
        count < 0 || count > (IsResident(frame) ? ResidentFrameSize : frame.Length) || levels.Length != ranks.Length ? -NativeResult.Argument
            : IsResident(frame) ? Native.cf_finger_percentiles(Native.cf_finger_frame(), count, ranks, ranks.Length, levels)
            : Native.cf_finger_percentiles(frame, count, ranks, ranks.Length, levels);

    /// <inheritdoc/>
    public int FingerChaff(byte[] random, int side, int[] parameters, float[] tolerances, uint[] xs, uint[] ys, int count, int size,
        int[] tries, int maxTries) =>
        Native.cf_finger_chaff(random, random.Length, side, parameters, tolerances, xs, ys, count, size, tries, maxTries);

    /// <inheritdoc/>
    public int FingerRsDecode(uint[] xs, uint[] ys, int count, int k, uint[] work, uint[] coefficients) =>
        Native.cf_finger_rs_decode(xs, ys, count, k, work, work.Length, coefficients);

    /// <inheritdoc/>
    public int FingerSortPoints(uint[] xs, uint[] ys, int count) => Native.cf_finger_sort_points(xs, ys, count);

    /// <inheritdoc/>
    public int FingerVaultEvaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count) =>
        Native.cf_finger_vault_evaluate(coefficients, k, xs, ys, count);

    /// <inheritdoc/>
    public int FingerFrameWrite(byte[] rows, int firstRow, int rowCount) =>
        rowCount < 1 || rows.Length != rowCount * ResidentSide ? -NativeResult.Argument : Native.cf_finger_frame_write(rows, firstRow, rowCount);

    /// <inheritdoc/>
    public int FingerFrameClear() => Native.cf_finger_frame_clear();

    /// <inheritdoc/>
    public int FingerFrameIsClear() => Native.cf_finger_frame_is_clear();

    // cffinger.h: CF_FINGER_SIDE, CF_FINGER_FRAME, and the codes (3 bytes each) the resident frame holds.
    private const int ResidentSide = 192;
    private const int ResidentFrameSize = ResidentSide * ResidentSide;
    private const int ResidentCodes = ResidentFrameSize / 3;

    // INativeModule: a zero-length frame (or code buffer) names the module's resident frame; the
    // library gives each calling thread its own (finger_frame.c).
    private static bool IsResident(byte[] frame) => frame.Length == 0;

    /// <summary>
    /// A reference to buffer[offset], valid also for offset == Length (an empty range): the native
    /// side reads no byte of an empty range.
    /// </summary>
    private static ref byte At(byte[] buffer, int offset) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), offset);

    private static class Native
    {
        [DllImport(Library)] public static extern int cf_version();
        [DllImport(Library)] public static extern int cf_selftest();
        [DllImport(Library)] public static extern int cf_finger_stretch(byte[] frame);
        [DllImport(Library)] public static extern int cf_finger_blocks(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex);
        [DllImport(Library)] public static extern int cf_finger_gate_sums(byte[] frame, byte[] foreground, float[] coherence, float[] sums);
        [DllImport(Library)] public static extern int cf_finger_normalise(byte[] frame, byte[] foreground);
        [DllImport(Library)] public static extern int cf_finger_period(byte[] frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period);
        [DllImport(Library)] public static extern int cf_finger_gabor(float period, float sigma, float[] kernels);
        [DllImport(Library)] public static extern int cf_finger_filter(byte[] frame, byte[] foreground, byte[] kernelIndex, float[] kernels);
        [DllImport(Library)] public static extern int cf_finger_minutiae(byte[] skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters, byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int capacity);
        [DllImport(Library)] public static extern int cf_finger_codes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant, int[] parameters, float[] tolerances, byte[] codes, int capacity);
        [DllImport(Library)] public static extern int cf_finger_match(byte[] codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount, int maxUnlocked);
        [DllImport(Library)] public static extern int cf_finger_check_points(byte[] points, int pointCount, int[] lastX);
        [DllImport(Library)] public static extern int cf_finger_percentiles(byte[] frame, int count, int[] ranks, int rankCount, int[] levels);
        [DllImport(Library)] public static extern int cf_finger_chaff(byte[] random, int randomLength, int side, int[] parameters, float[] tolerances, uint[] xs, uint[] ys, int count, int size, int[] tries, int maxTries);
        [DllImport(Library)] public static extern int cf_finger_rs_decode(uint[] xs, uint[] ys, int count, int k, uint[] work, int workWords, uint[] coefficients);
        [DllImport(Library)] public static extern int cf_finger_sort_points(uint[] xs, uint[] ys, int count);
        [DllImport(Library)] public static extern int cf_finger_vault_evaluate(uint[] coefficients, int k, uint[] xs, uint[] ys, int count);
        [DllImport(Library)] public static extern int cf_finger_thin(byte[] frame);
        [DllImport(Library)] public static extern IntPtr cf_finger_frame();
        [DllImport(Library)] public static extern int cf_finger_frame_write(byte[] rows, int firstRow, int rowCount);
        [DllImport(Library)] public static extern int cf_finger_frame_clear();
        [DllImport(Library)] public static extern int cf_finger_frame_is_clear();
        [DllImport(Library)] public static extern int cf_finger_stretch(IntPtr frame);
        [DllImport(Library)] public static extern int cf_finger_blocks(IntPtr frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, byte[] kernelIndex);
        [DllImport(Library)] public static extern int cf_finger_gate_sums(IntPtr frame, byte[] foreground, float[] coherence, float[] sums);
        [DllImport(Library)] public static extern int cf_finger_normalise(IntPtr frame, byte[] foreground);
        [DllImport(Library)] public static extern int cf_finger_period(IntPtr frame, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, float[] period);
        [DllImport(Library)] public static extern int cf_finger_filter(IntPtr frame, byte[] foreground, byte[] kernelIndex, float[] kernels);
        [DllImport(Library)] public static extern int cf_finger_thin(IntPtr frame);
        [DllImport(Library)] public static extern int cf_finger_minutiae(IntPtr skeleton, byte[] foreground, float[] cos2, float[] sin2, float[] coherence, int[] parameters, byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int capacity);
        [DllImport(Library)] public static extern int cf_finger_codes(byte[] x, byte[] y, byte[] type, float[] angle, float[] reliability, int[] count, int tolerant, int[] parameters, float[] tolerances, IntPtr codes, int capacity);
        [DllImport(Library)] public static extern int cf_finger_match(IntPtr codes, int codeCount, byte[] points, int pointCount, int first, ushort[] unlocked, int unlockedCount, int maxUnlocked);
        [DllImport(Library)] public static extern int cf_finger_percentiles(IntPtr frame, int count, int[] ranks, int rankCount, int[] levels);
        [DllImport(Library)] public static extern int cf_sha256(ref byte data, nuint len, ref byte output);
        [DllImport(Library)] public static extern int cf_sha256_many(ref byte messages, nuint len, nuint count, ref byte output);
        [DllImport(Library)] public static extern int cf_sha256_expand(ref byte prefix, nuint prefixLen, ref byte output, nuint outLen);
        [DllImport(Library)] public static extern int cf_hmac_sha256(ref byte key, nuint keyLen, ref byte data, nuint len, ref byte output);
        [DllImport(Library)] public static extern int cf_chacha20poly1305_seal(byte[] key, byte[] nonce, ref byte aad, nuint aadLen, ref byte input, nuint len, ref byte output);
        [DllImport(Library)] public static extern int cf_chacha20poly1305_open(byte[] key, byte[] nonce, ref byte aad, nuint aadLen, ref byte input, nuint len, ref byte output);
        [DllImport(Library)] public static extern int cf_scalar_reduce(byte[] x, byte[] output, out int wasReduced);
        [DllImport(Library)] public static extern int cf_scalar_negate(byte[] a, byte[] output);
        [DllImport(Library)] public static extern int cf_scalar_invert(byte[] a, byte[] output);
        [DllImport(Library)] public static extern int cf_modn_add_vec(ref byte a, ref byte b, nuint count, ref byte output);
        [DllImport(Library)] public static extern int cf_modn_sub_vec(ref byte a, ref byte b, nuint count, ref byte output);
        [DllImport(Library)] public static extern int cf_modn_mul_vec(ref byte a, ref byte b, nuint count, ref byte output);
        [DllImport(Library)] public static extern int cf_modn_scale_vec(byte[] s, ref byte a, nuint count, ref byte output);
        [DllImport(Library)] public static extern int cf_modn_inner_product(ref byte g, ref byte a, nuint count, byte[] output);
        [DllImport(Library)] public static extern int cf_gf192_mul_acc(ref byte rows, ref byte challenges, nuint count, byte[] output);
        [DllImport(Library)] public static extern int cf_transpose(byte[] columns, nuint width, nuint columnBytes, byte[] rows);
        [DllImport(Library)] public static extern int cf_point_base_mul(byte[] k, byte[] output);
        [DllImport(Library)] public static extern int cf_point_mul(byte[] k, byte[] point, nuint pointLen, byte[] output);
        [DllImport(Library)] public static extern int cf_point_add(byte[] p, nuint pLen, byte[] q, nuint qLen, byte[] output);
        [DllImport(Library)] public static extern int cf_point_multi_mul_var(byte[] a, byte[] b, byte[] point, nuint pointLen, byte[] output);
        [DllImport(Library)] public static extern int cf_point_reencode(byte[] point, nuint pointLen, int compressed, byte[] output);
        [DllImport(Library)] public static extern int cf_point_lift_x(byte[] x, byte[] output);
        [DllImport(Library)] public static extern int cf_rvole_bob_start(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, ref byte message, byte[] bobInput);
        [DllImport(Library)] public static extern int cf_rvole_alice(byte[] delta, byte[] seeds, byte[] context, ref byte bobMessage, byte[] inputs, byte[] work, ref byte message, byte[] shares);
        [DllImport(Library)] public static extern int cf_rvole_alice_begin(byte[] delta, byte[] seeds, byte[] context, ref byte bobMessage, byte[] work, byte[] state);
        [DllImport(Library)] public static extern int cf_rvole_alice_rows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, nuint rows, ref byte output);
        [DllImport(Library)] public static extern int cf_rvole_alice_end(byte[] context, byte[] inputs, byte[] work, byte[] state, ref byte output, byte[] shares);
        [DllImport(Library)] public static extern int cf_rvole_bob_finish(byte[] seeds0, byte[] choices, byte[] context, ref byte aliceMessage, byte[] work, byte[] shares);
    }
}
