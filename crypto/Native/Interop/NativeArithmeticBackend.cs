using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Native
{
    /// <summary>
    /// <see cref="IArithmeticBackend"/> over the native module: checks every argument with the same
    /// rules as <see cref="ManagedArithmeticBackend"/> (so the native code only ever sees buffers of
    /// the sizes its contract states), makes one native call per member, and turns the result code
    /// into the managed error. The same class runs on the card (interop) and on the desktop (P/Invoke).
    /// </summary>
    /// <remarks>
    /// Security: constant time in secrets as far as the native module is (cfnative.h); this class
    /// branches only on lengths and result codes.
    /// </remarks>
    public sealed class NativeArithmeticBackend : IArithmeticBackend
    {
        private const int ScalarBytes = 32;
        private const int HashBytes = 32;
        private const int CompressedBytes = 33;
        private const int UncompressedBytes = 65;
        private const int AeadTagBytes = 16;

        private static readonly byte[] Empty = new byte[0];

        private readonly INativeModule _module;

        /// <summary>Binds the backend to <paramref name="module"/> after running the module's self-test.</summary>
        /// <exception cref="CryptoException">SelfTestFailed when the module's known answers do not match.</exception>
        public NativeArithmeticBackend(INativeModule module)
        {
            if (module == null || module.SelfTest() != NativeResult.Ok)
            {
                throw new CryptoException(CryptoError.SelfTestFailed);
            }

            _module = module;
        }

        /// <inheritdoc/>
        public void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Range(data, offset, count);
            BackendArguments.Range(output, outputOffset, HashBytes);
            NativeResult.Check(_module.Sha256(data, offset, count, output, outputOffset));
        }

        /// <inheritdoc/>
        public void Sha256Many(byte[] messages, int messageLength, int count, byte[] output)
        {
            BackendArguments.Many(messages, messageLength, count, output);
            NativeResult.Check(_module.Sha256Many(messages, messageLength, count, output));
        }

        /// <inheritdoc/>
        public void Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length)
        {
            BackendArguments.Expand(prefix, prefixLength, output, outputOffset, length);
            NativeResult.Check(_module.Sha256Expand(prefix, prefixLength, output, outputOffset, length));
        }

        /// <inheritdoc/>
        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.NotNull(key);
            BackendArguments.Range(data, offset, count);
            BackendArguments.Range(output, outputOffset, HashBytes);
            NativeResult.Check(_module.HmacSha256(key, data, offset, count, output, outputOffset));
        }

        /// <inheritdoc/>
        public void ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Aead(key, nonce, plaintext, offset, count, output, outputOffset, count + AeadTagBytes);
            NativeResult.Check(_module.ChaCha20Poly1305Seal(key, nonce, aad == null ? Empty : aad, plaintext, offset, count, output, outputOffset));
        }

        /// <inheritdoc/>
        public bool ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Aead(key, nonce, input, offset, count, output, outputOffset, count - AeadTagBytes);
            return Checked(_module.ChaCha20Poly1305Open(key, nonce, aad == null ? Empty : aad, input, offset, count, output, outputOffset));
        }

        /// <inheritdoc/>
        public void ModNAdd(byte[] a, byte[] b, int count, byte[] result)
        {
            BackendArguments.Vectors(a, b, count, result);
            NativeResult.Check(_module.ModNVector(0, a, b, count, result));
        }

        /// <inheritdoc/>
        public void ModNSub(byte[] a, byte[] b, int count, byte[] result)
        {
            BackendArguments.Vectors(a, b, count, result);
            NativeResult.Check(_module.ModNVector(1, a, b, count, result));
        }

        /// <inheritdoc/>
        public void ModNMul(byte[] a, byte[] b, int count, byte[] result)
        {
            BackendArguments.Vectors(a, b, count, result);
            NativeResult.Check(_module.ModNVector(2, a, b, count, result));
        }

        /// <inheritdoc/>
        public void ModNScale(byte[] s, byte[] a, int count, byte[] result)
        {
            BackendArguments.Items(s, ScalarBytes, 1);
            BackendArguments.Items(a, ScalarBytes, count);
            BackendArguments.Items(result, ScalarBytes, count);
            NativeResult.Check(_module.ModNScale(s, a, count, result));
        }

        /// <inheritdoc/>
        public void ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result)
        {
            BackendArguments.InnerProduct(g, a, count, result);
            NativeResult.Check(_module.ModNInnerProduct(g, a, count, result));
        }

        /// <inheritdoc/>
        public void Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result)
        {
            BackendArguments.Gf192(rows, challenges, count, result);
            NativeResult.Check(_module.Gf192MulAccumulate(rows, challenges, count, result));
        }

        /// <inheritdoc/>
        public void TransposeColumnsToRows(byte[] columns, byte[] rows)
        {
            BackendArguments.Transpose(columns, rows);
            NativeResult.Check(_module.Transpose(columns, Params.OtWidth, Params.ColumnBytes, rows));
        }

        /// <inheritdoc/>
        public bool ScalarReduce(byte[] x, byte[] result)
        {
            BackendArguments.Items(x, ScalarBytes, 1);
            BackendArguments.Items(result, ScalarBytes, 1);
            return _module.ScalarReduce(x, result) != 0;
        }

        /// <inheritdoc/>
        public void ScalarAdd(byte[] a, byte[] b, byte[] result)
        {
            ModNAdd(a, b, 1, result);
        }

        /// <inheritdoc/>
        public void ScalarMul(byte[] a, byte[] b, byte[] result)
        {
            ModNMul(a, b, 1, result);
        }

        /// <inheritdoc/>
        public void ScalarNegate(byte[] a, byte[] result)
        {
            BackendArguments.Items(a, ScalarBytes, 1);
            BackendArguments.Items(result, ScalarBytes, 1);
            NativeResult.Check(_module.ScalarNegate(a, result));
        }

        /// <inheritdoc/>
        public void ScalarInvert(byte[] a, byte[] result)
        {
            BackendArguments.Items(a, ScalarBytes, 1);
            BackendArguments.Items(result, ScalarBytes, 1);
            NativeResult.Check(_module.ScalarInvert(a, result));
        }

        /// <inheritdoc/>
        public void ScalarInvertVartime(byte[] a, byte[] result)
        {
            // The constant-time inverse serves public inputs too; the native module has one inverse.
            ScalarInvert(a, result);
        }

        /// <inheritdoc/>
        public void BaseMul(byte[] k, byte[] result)
        {
            BackendArguments.Items(k, ScalarBytes, 1);
            BackendArguments.Items(result, CompressedBytes, 1);
            NativeResult.Check(_module.PointBaseMul(k, result));
        }

        /// <inheritdoc/>
        public void PointMul(byte[] k, byte[] point, byte[] result)
        {
            BackendArguments.Items(k, ScalarBytes, 1);
            CheckPoint(point);
            BackendArguments.Items(result, CompressedBytes, 1);
            NativeResult.Check(_module.PointMul(k, point, result));
        }

        /// <inheritdoc/>
        public void PointAdd(byte[] p, byte[] q, byte[] result)
        {
            CheckPoint(p);
            CheckPoint(q);
            BackendArguments.Items(result, CompressedBytes, 1);
            NativeResult.Check(_module.PointAdd(p, q, result));
        }

        /// <inheritdoc/>
        public bool MultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result)
        {
            BackendArguments.Items(a, ScalarBytes, 1);
            BackendArguments.Items(b, ScalarBytes, 1);
            CheckPoint(point);
            BackendArguments.Items(result, CompressedBytes, 1);
            NativeResult.Check(_module.PointMultiMulVartime(a, b, point, result));

            // A valid encoding starts with 0x02 or 0x03; all zero bytes stand for infinity.
            return result[0] != 0;
        }

        /// <inheritdoc/>
        public void ReencodePoint(byte[] point, bool compressed, byte[] result)
        {
            CheckPoint(point);
            BackendArguments.Items(result, compressed ? CompressedBytes : UncompressedBytes, 1);
            NativeResult.Check(_module.PointReencode(point, compressed, result));
        }

        /// <inheritdoc/>
        public void LiftX(byte[] x, byte[] result)
        {
            BackendArguments.Items(x, ScalarBytes, 1);
            BackendArguments.Items(result, CompressedBytes, 1);
            NativeResult.Check(_module.PointLiftX(x, result));
        }

        /// <inheritdoc/>
        public void RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int offset, byte[] bobInput)
        {
            BackendArguments.BobStart(seeds0, seeds1, context, choices, work, message, offset, bobInput);
            NativeResult.Check(_module.RvoleBobStart(seeds0, seeds1, context, choices, work, message, offset, bobInput));
        }

        /// <inheritdoc/>
        public bool RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int offset, byte[] shares)
        {
            BackendArguments.Alice(delta, seeds, context, bobMessage, bobOffset, inputs, work, message, offset, shares);
            return Checked(_module.RvoleAlice(delta, seeds, context, bobMessage, bobOffset, inputs, work, message, offset, shares));
        }

        /// <inheritdoc/>
        public bool RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state)
        {
            BackendArguments.AliceBegin(delta, seeds, context, bobMessage, bobOffset, work, state);
            return Checked(_module.RvoleAliceBegin(delta, seeds, context, bobMessage, bobOffset, work, state));
        }

        /// <inheritdoc/>
        public void RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int offset)
        {
            BackendArguments.AliceRows(delta, context, inputs, work, state, rowCount, message, offset);
            NativeResult.Check(_module.RvoleAliceRows(delta, context, inputs, work, state, rowCount, message, offset));
        }

        /// <inheritdoc/>
        public void RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int offset, byte[] shares)
        {
            BackendArguments.AliceEnd(context, inputs, work, state, output, offset, shares);
            NativeResult.Check(_module.RvoleAliceEnd(context, inputs, work, state, output, offset, shares));
        }

        /// <inheritdoc/>
        public bool RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int offset, byte[] work, byte[] shares)
        {
            BackendArguments.BobFinish(seeds0, choices, context, aliceMessage, offset, work, shares);
            return Checked(_module.RvoleBobFinish(seeds0, choices, context, aliceMessage, offset, work, shares));
        }

        // A failed protocol check is an answer (false), every other non-zero code an error.
        private static bool Checked(int code)
        {
            if (code == NativeResult.CheckFailed)
            {
                return false;
            }

            NativeResult.Check(code);
            return true;
        }

        private static void CheckPoint(byte[] point)
        {
            BackendArguments.NotNull(point);
            if (point.Length != CompressedBytes && point.Length != UncompressedBytes)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }
        }
    }
}
