using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The reference <see cref="IArithmeticBackend"/>: the project's managed code (crypto/Primitives'
    /// SHA-256 and HMAC, crypto/Secp256k1's scalars and points, <see cref="Gf192"/>,
    /// <see cref="BitMatrix"/>). A native backend must give the same bytes for every input.
    /// </summary>
    /// <remarks>
    /// Security: constant time where the code it calls is (scalars, GF(2^192) rows, transpose);
    /// intermediates derived from secrets are wiped before return. Stateless: one instance serves
    /// every caller.
    /// </remarks>
    public sealed class ManagedArithmeticBackend : IArithmeticBackend
    {
        /// <summary>The shared instance.</summary>
        public static readonly ManagedArithmeticBackend Instance = new ManagedArithmeticBackend();

        private readonly ISecp256k1Backend _curve = ManagedSecp256k1Backend.Instance;

        /// <inheritdoc/>
        public void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Range(data, offset, count);
            BackendArguments.Range(output, outputOffset, Params.HashBytes);
            CardFirmware.Crypto.Sha256.Hash(data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void Sha256Many(byte[] messages, int messageLength, int count, byte[] output)
        {
            BackendArguments.Many(messages, messageLength, count, output);
            for (int i = 0; i < count; i++)
            {
                CardFirmware.Crypto.Sha256.Hash(messages, i * messageLength, messageLength, output, i * Params.HashBytes);
            }
        }

        /// <inheritdoc/>
        public void Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length)
        {
            BackendArguments.Expand(prefix, prefixLength, output, outputOffset, length);
            CardFirmware.Crypto.Sha256 sha = new CardFirmware.Crypto.Sha256();
            byte[] counter = new byte[1];
            byte[] block = new byte[Params.HashBytes];
            try
            {
                for (int done = 0, c = 0; done < length; c++)
                {
                    counter[0] = (byte)c;
                    sha.Update(prefix, 0, prefixLength);
                    sha.Update(counter, 0, 1);
                    sha.Final(block, 0);
                    int take = length - done < Params.HashBytes ? length - done : Params.HashBytes;
                    System.Array.Copy(block, 0, output, outputOffset + done, take);
                    done += take;
                }
            }
            finally
            {
                Wipe.Bytes(block);
            }
        }

        /// <inheritdoc/>
        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.NotNull(key);
            BackendArguments.Range(data, offset, count);
            BackendArguments.Range(output, outputOffset, Params.HashBytes);
            CardFirmware.Crypto.HmacSha256.Compute(key, data, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Aead(key, nonce, plaintext, offset, count, output, outputOffset, count + ChaCha20Poly1305.TagSize);
            ChaCha20Poly1305.Encrypt(key, nonce, aad, plaintext, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public bool ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            BackendArguments.Aead(key, nonce, input, offset, count, output, outputOffset, count - ChaCha20Poly1305.TagSize);
            return ChaCha20Poly1305.Decrypt(key, nonce, aad, input, offset, count, output, outputOffset);
        }

        /// <inheritdoc/>
        public void ModNAdd(byte[] a, byte[] b, int count, byte[] result)
        {
            Elementwise(a, b, count, result, Operation.Add);
        }

        /// <inheritdoc/>
        public void ModNSub(byte[] a, byte[] b, int count, byte[] result)
        {
            Elementwise(a, b, count, result, Operation.Sub);
        }

        /// <inheritdoc/>
        public void ModNMul(byte[] a, byte[] b, int count, byte[] result)
        {
            Elementwise(a, b, count, result, Operation.Mul);
        }

        /// <inheritdoc/>
        public void ModNScale(byte[] s, byte[] a, int count, byte[] result)
        {
            BackendArguments.Items(s, Params.ScalarBytes, 1);
            BackendArguments.Items(a, Params.ScalarBytes, count);
            BackendArguments.Items(result, Params.ScalarBytes, count);
            RequireBelowN(s, 1);
            RequireBelowN(a, count);
            byte[] x = new byte[Params.ScalarBytes];
            byte[] r = new byte[Params.ScalarBytes];
            try
            {
                for (int i = 0; i < count; i++)
                {
                    System.Array.Copy(a, i * Params.ScalarBytes, x, 0, Params.ScalarBytes);
                    _curve.ScalarMul(s, x, r);
                    System.Array.Copy(r, 0, result, i * Params.ScalarBytes, Params.ScalarBytes);
                }
            }
            finally
            {
                Wipe.Bytes(x);
                Wipe.Bytes(r);
            }
        }

        /// <inheritdoc/>
        public void ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result)
        {
            BackendArguments.InnerProduct(g, a, count, result);
            RequireBelowN(g, count);
            RequireBelowN(a, count);
            byte[] x = new byte[Params.ScalarBytes];
            byte[] y = new byte[Params.ScalarBytes];
            byte[] acc = new byte[Params.ScalarBytes];
            try
            {
                for (int j = 0; j < count; j++)
                {
                    System.Array.Copy(g, j * Params.ScalarBytes, x, 0, Params.ScalarBytes);
                    System.Array.Copy(a, j * Params.ScalarBytes, y, 0, Params.ScalarBytes);
                    _curve.ScalarMul(x, y, x);
                    _curve.ScalarAdd(acc, x, acc);
                }

                System.Array.Copy(acc, 0, result, 0, Params.ScalarBytes);
            }
            finally
            {
                Wipe.Bytes(x);
                Wipe.Bytes(y);
                Wipe.Bytes(acc);
            }
        }

        /// <inheritdoc/>
        public void Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result)
        {
            BackendArguments.Gf192(rows, challenges, count, result);
            ulong[] row = new ulong[Gf192.Limbs];
            ulong[] challenge = new ulong[Gf192.Limbs];
            ulong[] acc = new ulong[2 * Gf192.Limbs];
            ulong[] table = new ulong[16 * 4];
            ulong[] partial = new ulong[2 * Gf192.Limbs];
            ulong[] reduced = new ulong[Gf192.Limbs];
            try
            {
                for (int i = 0; i < count; i++)
                {
                    Gf192.Load(rows, i * Params.RowBytes, row);
                    Gf192.Load(challenges, i * Params.RowBytes, challenge);
                    Gf192.MulAccumulatePublic(row, challenge, acc, table, partial);
                }

                Gf192.Reduce(acc, reduced);
                Gf192.Store(reduced, result, 0);
            }
            finally
            {
                Wipe.Longs(row);
                Wipe.Longs(acc);
                Wipe.Longs(table);
                Wipe.Longs(partial);
                Wipe.Longs(reduced);
            }
        }

        /// <inheritdoc/>
        public void RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int offset, byte[] bobInput)
        {
            BackendArguments.BobStart(seeds0, seeds1, context, choices, work, message, offset, bobInput);
            ManagedRvole.BobStart(seeds0, seeds1, context, choices, work, message, offset, bobInput);
        }

        /// <inheritdoc/>
        public bool RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int offset, byte[] shares)
        {
            BackendArguments.Alice(delta, seeds, context, bobMessage, bobOffset, inputs, work, message, offset, shares);
            return ManagedRvole.Alice(delta, seeds, context, bobMessage, bobOffset, inputs, work, message, offset, shares);
        }

        /// <inheritdoc/>
        public bool RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state)
        {
            BackendArguments.AliceBegin(delta, seeds, context, bobMessage, bobOffset, work, state);
            return ManagedRvoleAlice.Begin(delta, seeds, context, bobMessage, bobOffset, work, state);
        }

        /// <inheritdoc/>
        public void RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int offset)
        {
            BackendArguments.AliceRows(delta, context, inputs, work, state, rowCount, message, offset);
            ManagedRvoleAlice.Rows(delta, context, inputs, work, state, rowCount, message, offset);
        }

        /// <inheritdoc/>
        public void RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int offset, byte[] shares)
        {
            BackendArguments.AliceEnd(context, inputs, work, state, output, offset, shares);
            ManagedRvoleAlice.End(context, inputs, work, state, output, offset, shares);
        }

        /// <inheritdoc/>
        public bool RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int offset, byte[] work, byte[] shares)
        {
            BackendArguments.BobFinish(seeds0, choices, context, aliceMessage, offset, work, shares);
            return ManagedRvole.BobFinish(seeds0, choices, context, aliceMessage, offset, work, shares);
        }

        /// <inheritdoc/>
        public void TransposeColumnsToRows(byte[] columns, byte[] rows)
        {
            BackendArguments.Transpose(columns, rows);
            BitMatrix.ColumnsToRows(columns, rows);
        }

        /// <inheritdoc/>
        public bool ScalarReduce(byte[] x, byte[] result)
        {
            return _curve.ScalarReduce(x, result);
        }

        /// <inheritdoc/>
        public void ScalarAdd(byte[] a, byte[] b, byte[] result)
        {
            _curve.ScalarAdd(a, b, result);
        }

        /// <inheritdoc/>
        public void ScalarMul(byte[] a, byte[] b, byte[] result)
        {
            _curve.ScalarMul(a, b, result);
        }

        /// <inheritdoc/>
        public void ScalarNegate(byte[] a, byte[] result)
        {
            _curve.ScalarNegate(a, result);
        }

        /// <inheritdoc/>
        public void ScalarInvert(byte[] a, byte[] result)
        {
            _curve.ScalarInvert(a, result);
        }

        /// <inheritdoc/>
        public void ScalarInvertVartime(byte[] a, byte[] result)
        {
            _curve.ScalarInvertVartime(a, result);
        }

        /// <inheritdoc/>
        public void BaseMul(byte[] k, byte[] result)
        {
            _curve.BaseMul(k, result);
        }

        /// <inheritdoc/>
        public void PointMul(byte[] k, byte[] point, byte[] result)
        {
            _curve.PointMul(k, point, result);
        }

        /// <inheritdoc/>
        public void PointAdd(byte[] p, byte[] q, byte[] result)
        {
            _curve.PointAdd(p, q, result);
        }

        /// <inheritdoc/>
        public bool MultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result)
        {
            return _curve.MultiMulVartime(a, b, point, result);
        }

        /// <inheritdoc/>
        public void ReencodePoint(byte[] point, bool compressed, byte[] result)
        {
            _curve.ReencodePoint(point, compressed, result);
        }

        /// <inheritdoc/>
        public void LiftX(byte[] x, byte[] result)
        {
            _curve.LiftX(x, result);
        }

        private enum Operation
        {
            Add,
            Sub,
            Mul,
        }

        private void Elementwise(byte[] a, byte[] b, int count, byte[] result, Operation op)
        {
            BackendArguments.Vectors(a, b, count, result);
            RequireBelowN(a, count);
            RequireBelowN(b, count);
            byte[] x = new byte[Params.ScalarBytes];
            byte[] y = new byte[Params.ScalarBytes];
            try
            {
                for (int i = 0; i < count; i++)
                {
                    System.Array.Copy(a, i * Params.ScalarBytes, x, 0, Params.ScalarBytes);
                    System.Array.Copy(b, i * Params.ScalarBytes, y, 0, Params.ScalarBytes);
                    if (op == Operation.Mul)
                    {
                        _curve.ScalarMul(x, y, x);
                    }
                    else
                    {
                        if (op == Operation.Sub)
                        {
                            _curve.ScalarNegate(y, y);
                        }

                        _curve.ScalarAdd(x, y, x);
                    }

                    System.Array.Copy(x, 0, result, i * Params.ScalarBytes, Params.ScalarBytes);
                }
            }
            finally
            {
                Wipe.Bytes(x);
                Wipe.Bytes(y);
            }
        }

        /// <summary>Throws <see cref="CryptoError.InvalidEncoding"/> unless every scalar of the vector is below n.</summary>
        private void RequireBelowN(byte[] vector, int count)
        {
            byte[] x = new byte[Params.ScalarBytes];
            byte[] scratch = new byte[Params.ScalarBytes];
            bool bad = false;
            for (int i = 0; i < count; i++)
            {
                System.Array.Copy(vector, i * Params.ScalarBytes, x, 0, Params.ScalarBytes);
                bad |= _curve.ScalarReduce(x, scratch);
            }

            Wipe.Bytes(x);
            Wipe.Bytes(scratch);
            if (bad)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }
        }
    }
}
