namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// KOS15 OT extension (ePrint 2015/546, Fig. 7 with the Fiat-Shamir challenge of DKLs19 §6)
    /// from <see cref="Params.OtWidth"/> base OTs to <see cref="Params.ExtendedBatch"/> correlated OTs,
    /// of which the first <see cref="Params.Batch"/> are used and the rest pad the check.
    /// Bob (extension receiver) holds both seeds of every base OT; Alice (extension sender)
    /// holds the correlation Δ and one seed per base OT.
    /// </summary>
    /// <remarks>
    /// Message (Bob to Alice): u columns (OtWidth × ColumnBytes) ‖ x̃ (24) ‖ t̃ (24).
    /// Afterwards Bob's row t_j and Alice's row q_j satisfy q_j = t_j ⊕ x_j·Δ.
    /// Security: rows, choice bits, Δ and seeds are secret; the check compares in constant time.
    /// </remarks>
    internal static class Kos
    {
        /// <summary>Bytes of Bob's extension message.</summary>
        public const int MessageBytes = (Params.OtWidth * Params.ColumnBytes) + (2 * Params.RowBytes);

        /// <summary>
        /// Bob's side for his <paramref name="choices"/> (ColumnBytes random bits). Writes the message at
        /// <paramref name="offset"/> of <paramref name="message"/> and fills <paramref name="rows"/> (ExtendedBatch × RowBytes);
        /// <paramref name="columns"/> (OtWidth × ColumnBytes) is the caller's work buffer, left for the caller to wipe.
        /// </summary>
        public static void Extend(byte[] seeds0, byte[] seeds1, byte[] sessionId, int bob, int alice, byte[] choices, byte[] columns, byte[] rows, byte[] message, int offset)
        {
            byte[] other = new byte[Params.ColumnBytes];
            Prg prg = new Prg(sessionId, bob, alice);
            try
            {
                for (int k = 0; k < Params.OtWidth; k++)
                {
                    int col = k * Params.ColumnBytes;
                    prg.Expand(seeds0, k * Params.SeedBytes, k, columns, col, Params.ColumnBytes);
                    prg.Expand(seeds1, k * Params.SeedBytes, k, other, 0, Params.ColumnBytes);
                    int u = offset + col;
                    for (int b = 0; b < Params.ColumnBytes; b++)
                    {
                        message[u + b] = (byte)(columns[col + b] ^ other[b] ^ choices[b]);
                    }
                }

                BitMatrix.ColumnsToRows(columns, rows);

                // x̃ = Σ x_j χ_j and t̃ = Σ t_j χ_j over GF(2^192).
                Challenges challenges = new Challenges(sessionId, bob, alice, message, offset);
                ulong[] chi = new ulong[Gf192.Limbs];
                ulong[] row = new ulong[Gf192.Limbs];
                ulong[] xAcc = new ulong[Gf192.Limbs];
                ulong[] tAcc = new ulong[6];
                ulong[] table = new ulong[64];
                ulong[] partial = new ulong[6];
                for (int j = 0; j < Params.ExtendedBatch; j++)
                {
                    challenges.Next(chi);
                    ulong mask = 0UL - (ulong)BitMatrix.Bit(choices, j);
                    xAcc[0] ^= chi[0] & mask;
                    xAcc[1] ^= chi[1] & mask;
                    xAcc[2] ^= chi[2] & mask;
                    Gf192.Load(rows, j * Params.RowBytes, row);
                    Gf192.MulAccumulatePublic(row, chi, tAcc, table, partial);
                }

                ulong[] tReduced = new ulong[Gf192.Limbs];
                Gf192.Reduce(tAcc, tReduced);
                int checkOffset = offset + (Params.OtWidth * Params.ColumnBytes);
                Gf192.Store(xAcc, message, checkOffset);
                Gf192.Store(tReduced, message, checkOffset + Params.RowBytes);
                Wipe.Longs(row);
                Wipe.Longs(tAcc);
                Wipe.Longs(table);
                Wipe.Longs(partial);
                Wipe.Longs(xAcc);
                Wipe.Longs(tReduced);
            }
            finally
            {
                prg.Clear();
                Wipe.Bytes(other);
            }
        }

        /// <summary>
        /// Alice's side: derives her rows q_j into <paramref name="rows"/> from Bob's message at
        /// <paramref name="offset"/> and checks KOS consistency; <paramref name="columns"/> is the caller's work buffer.
        /// </summary>
        /// <returns>False when the consistency check fails (Bob cheated).</returns>
        public static bool Receive(byte[] delta, byte[] seedsDelta, byte[] sessionId, int bob, int alice, byte[] message, int offset, byte[] columns, byte[] rows)
        {
            Prg prg = new Prg(sessionId, bob, alice);
            ulong[] row = new ulong[Gf192.Limbs];
            ulong[] qAcc = new ulong[6];
            ulong[] table = new ulong[64];
            ulong[] partial = new ulong[6];
            ulong[] expected = new ulong[6];
            ulong[] deltaE = new ulong[Gf192.Limbs];
            ulong[] xTilde = new ulong[Gf192.Limbs];
            ulong[] left = new ulong[Gf192.Limbs];
            ulong[] right = new ulong[Gf192.Limbs];
            try
            {
                for (int k = 0; k < Params.OtWidth; k++)
                {
                    int col = k * Params.ColumnBytes;
                    prg.Expand(seedsDelta, k * Params.SeedBytes, k, columns, col, Params.ColumnBytes);
                    byte mask = (byte)(0 - BitMatrix.Bit(delta, k));
                    int u = offset + col;
                    for (int b = 0; b < Params.ColumnBytes; b++)
                    {
                        columns[col + b] ^= (byte)(message[u + b] & mask);
                    }
                }

                BitMatrix.ColumnsToRows(columns, rows);

                Challenges challenges = new Challenges(sessionId, bob, alice, message, offset);
                ulong[] chi = new ulong[Gf192.Limbs];
                for (int j = 0; j < Params.ExtendedBatch; j++)
                {
                    challenges.Next(chi);
                    Gf192.Load(rows, j * Params.RowBytes, row);
                    Gf192.MulAccumulatePublic(row, chi, qAcc, table, partial);
                }

                Gf192.Reduce(qAcc, left);

                // Expected: t̃ ⊕ x̃·Δ.
                int checkOffset = offset + (Params.OtWidth * Params.ColumnBytes);
                Gf192.Load(message, checkOffset, xTilde);
                Gf192.Load(delta, 0, deltaE);
                Gf192.MulSecret(xTilde, deltaE, expected);
                Gf192.Reduce(expected, right);
                Gf192.Load(message, checkOffset + Params.RowBytes, xTilde);
                ulong diff = (left[0] ^ right[0] ^ xTilde[0]) | (left[1] ^ right[1] ^ xTilde[1]) | (left[2] ^ right[2] ^ xTilde[2]);
                return diff == 0;
            }
            finally
            {
                prg.Clear();
                Wipe.Longs(row);
                Wipe.Longs(qAcc);
                Wipe.Longs(table);
                Wipe.Longs(partial);
                Wipe.Longs(expected);
                Wipe.Longs(deltaE);
                Wipe.Longs(left);
                Wipe.Longs(right);
            }
        }

        /// <summary>
        /// The public challenges χ_j ∈ GF(2^192): χ_j = first 24 bytes of SHA-256(tag ‖ seed ‖ j), where
        /// seed = SHA-256(tag ‖ sid ‖ bob ‖ alice ‖ u).
        /// </summary>
        private sealed class Challenges
        {
            private readonly byte[] _seed;
            private readonly byte[] _input = new byte[1 + Params.HashBytes + 2];
            private readonly byte[] _block = new byte[Params.HashBytes];
            private readonly Sha256 _sha = new Sha256();
            private int _index;

            public Challenges(byte[] sessionId, int bob, int alice, byte[] message, int offset)
            {
                Ro ro = new Ro(Tags.KosChallenge);
                ro.Add(sessionId).AddInt((bob << 8) | alice).Add(message, offset, Params.OtWidth * Params.ColumnBytes);
                _seed = ro.Finish();
                _input[0] = Tags.KosChallenge;
                System.Array.Copy(_seed, 0, _input, 1, Params.HashBytes);
            }

            public void Next(ulong[] chi)
            {
                _input[_input.Length - 2] = (byte)(_index >> 8);
                _input[_input.Length - 1] = (byte)_index;
                _index++;
                _sha.Update(_input, 0, _input.Length);
                _sha.Final(_block, 0);
                Gf192.Load(_block, 0, chi);
            }
        }
    }
}
