namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Bob's state between his RVOLE message and Alice's answer: his choice bits (76 bytes) and his random
    /// input b. His extension rows t_j are not kept (they would be 416 × 24 = 9,984 bytes across the round
    /// trip): <see cref="Finish"/> expands them again from the stored base-OT seeds k0, since t_j is bit j
    /// of the columns PRG(k0_k) (<see cref="Kos"/>).
    /// </summary>
    /// <remarks>Security: the choice bits and b are secret; <see cref="Finish"/> and <see cref="Clear"/> wipe them
    /// and every row buffer, and a second Finish fails. The seeds belong to the key share and are not wiped here.</remarks>
    internal sealed class RvoleBob
    {
        // Bytes of a column's first Params.Batch bits: the prefix of the column that feeds the used rows.
        private const int UsedColumnBytes = Params.Batch / 8;

        private readonly byte[] sessionId;
        private readonly int bob;
        private readonly int alice;
        private readonly byte[] choices;
        private readonly byte[] seeds0;
        private bool used;

        /// <summary>Takes ownership of <paramref name="choices"/>; <paramref name="seeds0"/> is the key share's and only read.</summary>
        public RvoleBob(byte[] sessionId, int bob, int alice, byte[] choices, byte[] seeds0, Scalar b)
        {
            this.sessionId = sessionId;
            this.bob = bob;
            this.alice = alice;
            this.choices = choices;
            this.seeds0 = seeds0;
            B = b;
        }

        /// <summary>Bob's random input b = Σ g_j β_j (DKLs23's χ).</summary>
        public Scalar B { get; }

        /// <summary>
        /// Consumes Alice's message at <paramref name="offset"/>, checks it and returns Bob's shares d (two scalars).
        /// </summary>
        /// <exception cref="ThresholdException">MultiplicationCheckFailed or InvalidScalar blamed on Alice; InvalidState on reuse.</exception>
        public Scalar[] Finish(byte[] message, int offset)
        {
            if (used)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            used = true;
            Scalar[] tau = new Scalar[Params.VoleColumns];
            Scalar[] d = new Scalar[Params.VoleColumns];
            byte[] expected = new byte[Params.HashBytes];
            byte[] columns = new byte[Params.OtWidth * UsedColumnBytes];
            byte[] row = new byte[Params.RowBytes];
            Scalar d1 = Scalar.Zero();
            Scalar d2 = Scalar.Zero();
            Scalar r = Scalar.Zero();
            Scalar term = Scalar.Zero();
            uint[] work = Scalar.NewWork();
            bool accepted = false;
            try
            {
                ExpandUsedColumns(columns);
                int tail = offset + (Params.Batch * Params.VoleColumns * Params.ScalarBytes);
                Scalar u = Scalar.FromBytesStrict(message, tail);
                if (u == null)
                {
                    throw new ThresholdException(ThresholdError.InvalidScalar, alice);
                }

                Scalar[] chi = Rvole.Challenge(sessionId, bob, alice, message, offset);
                Scalar[] g = Rvole.Gadget();
                byte[] rowKey = Rvole.RowKey(sessionId, bob, alice);
                Ro checkHash = new Ro(Tags.VoleCheck);
                checkHash.Add(sessionId).AddInt((bob << 8) | alice);
                Scalar zero = Scalar.Zero();
                for (int j = 0; j < Params.Batch; j++)
                {
                    int bit = BitMatrix.Bit(choices, j);
                    BitMatrix.ReadRow(columns, UsedColumnBytes, j, row);
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        tau[k] = Scalar.FromBytesStrict(message, offset + (((j * Params.VoleColumns) + k) * Params.ScalarBytes));
                        if (tau[k] == null)
                        {
                            throw new ThresholdException(ThresholdError.InvalidScalar, alice);
                        }

                        // d = γ + β·τ in place of γ: a selected τ would tell the choice bit.
                        d[k] = Rvole.HashRow(rowKey, j, k, row, 0);
                        term.SetSelect(bit, tau[k], zero);
                        d[k].SetAdd(d[k], term);
                    }

                    r.SetMul(chi[0], d[0], work);
                    term.SetMul(chi[1], d[1], work);
                    r.SetAdd(r, term);
                    r.SetAdd(r, d[2]);
                    term.SetSelect(bit, u, zero);
                    r.SetSub(r, term);
                    checkHash.Add(r);
                    term.SetMul(g[j], d[0], work);
                    d1.SetAdd(d1, term);
                    term.SetMul(g[j], d[1], work);
                    d2.SetAdd(d2, term);
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        d[k].Clear();
                    }
                }

                checkHash.Finish(expected, 0);
                if (!ConstantTime.AreEqual(expected, 0, message, tail + Params.ScalarBytes, Params.HashBytes))
                {
                    throw new ThresholdException(ThresholdError.MultiplicationCheckFailed, alice);
                }

                accepted = true;
                return new Scalar[] { d1, d2 };
            }
            finally
            {
                Wipe.Bytes(columns);
                Wipe.Bytes(row);
                r.Clear();
                term.Clear();
                Wipe.Words(work);
                for (int k = 0; k < Params.VoleColumns; k++)
                {
                    if (d[k] != null)
                    {
                        d[k].Clear();
                    }
                }

                if (!accepted)
                {
                    d1.Clear();
                    d2.Clear();
                }

                Clear();
            }
        }

        /// <summary>Wipes the state (also on abort).</summary>
        public void Clear()
        {
            used = true;
            Wipe.Bytes(choices);
        }

        // The first Params.Batch bits of every column PRG(k0_k): the counter-mode PRG's shorter output is a prefix
        // of the full column that Kos.Extend expanded.
        private void ExpandUsedColumns(byte[] columns)
        {
            Prg prg = new Prg(sessionId, bob, alice);
            try
            {
                for (int k = 0; k < Params.OtWidth; k++)
                {
                    prg.Expand(seeds0, k * Params.SeedBytes, k, columns, k * UsedColumnBytes, UsedColumnBytes);
                }
            }
            finally
            {
                prg.Clear();
            }
        }
    }
}
