namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Random vector OLE of DKLs23 (ePrint 2023/765, Functionality 3.5 / Protocol 5.2; the
    /// forced-reuse variant of DKLs19 Protocol 1) over the KOS extension in <see cref="Kos"/>.
    /// Bob's input b = Σ g_j β_j is random (his choice bits); Alice inputs a ∈ Z_q^2. Afterwards
    /// Alice holds c, Bob holds d with c_i + d_i = a_i·b.
    /// </summary>
    /// <remarks>
    /// Alice's message: τ (Batch × 3 scalars) ‖ u (32) ‖ ρ (32), where the third column carries a
    /// random check mask â; the challenge χ̃ is derived from τ (Fiat-Shamir) and Bob accepts iff
    /// H(⟨(χ̃,1), d_j⟩ − β_j·u for all j) = ρ. See README "Building blocks".
    /// </remarks>
    internal static class Rvole
    {
        /// <summary>Bytes of Bob's message (the KOS extension message).</summary>
        public const int BobMessageBytes = Kos.MessageBytes;

        /// <summary>Bytes of Alice's message.</summary>
        public const int AliceMessageBytes = (Params.Batch * Params.VoleColumns * Params.ScalarBytes) + Params.ScalarBytes + Params.HashBytes;

        private static Scalar[] gadget;

        /// <summary>
        /// Bob's first step: runs the extension as receiver and writes his message. Returns his state,
        /// which holds b and what he needs to finish.
        /// </summary>
        public static RvoleBob Start(byte[] seeds0, byte[] seeds1, byte[] sessionId, int bob, int alice, IRandomSource random, byte[] message, int offset)
        {
            byte[] choices = new byte[Params.ColumnBytes];
            byte[] allRows = new byte[Params.ExtendedBatch * Params.RowBytes];
            Scalar term = Scalar.Zero();
            try
            {
                Kos.Extend(seeds0, seeds1, sessionId, bob, alice, random, choices, allRows, message, offset);
                Scalar[] g = Gadget();
                Scalar b = Scalar.Zero();
                Scalar zero = Scalar.Zero();
                for (int j = 0; j < Params.Batch; j++)
                {
                    term.SetSelect(BitMatrix.Bit(choices, j), g[j], zero);
                    b.SetAdd(b, term);
                }

                return new RvoleBob(sessionId, bob, alice, choices, seeds0, b);
            }
            finally
            {
                Wipe.Bytes(allRows);
                term.Clear();
            }
        }

        /// <summary>
        /// Alice's step: consumes Bob's message at <paramref name="bobOffset"/>, writes her message at
        /// <paramref name="offset"/> and returns her shares c (two scalars).
        /// </summary>
        /// <exception cref="ThresholdException">OtExtensionCheckFailed, blamed on <paramref name="bob"/>.</exception>
        public static Scalar[] Respond(byte[] delta, byte[] seedsDelta, byte[] sessionId, int bob, int alice, Scalar a1, Scalar a2, IRandomSource random, byte[] bobMessage, int bobOffset, byte[] message, int offset)
        {
            byte[] rows = new byte[Params.ExtendedBatch * Params.RowBytes];
            byte[] flipped = new byte[Params.RowBytes];
            Scalar check = Scalar.Random(random);
            Scalar[] pad0 = new Scalar[Params.VoleColumns];
            Scalar r = Scalar.Zero();
            Scalar product = Scalar.Zero();
            uint[] work = Scalar.NewWork();
            try
            {
                Kos.Receive(delta, seedsDelta, sessionId, bob, alice, bobMessage, bobOffset, rows);
                byte[] rowKey = RowKey(sessionId, bob, alice);
                Scalar[] inputs = new Scalar[] { a1, a2, check };
                Scalar[] g = Gadget();

                // Pass 1: τ_j = α0_j − α1_j + a'.
                for (int j = 0; j < Params.Batch; j++)
                {
                    int rowOffset = j * Params.RowBytes;
                    for (int b = 0; b < Params.RowBytes; b++)
                    {
                        flipped[b] = (byte)(rows[rowOffset + b] ^ delta[b]);
                    }

                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        Scalar p0 = HashRow(rowKey, j, k, rows, rowOffset);
                        Scalar p1 = HashRow(rowKey, j, k, flipped, 0);

                        // τ in place of α0: α0 − α1 with τ public would give the input away.
                        p0.SetSub(p0, p1);
                        p0.SetAdd(p0, inputs[k]);
                        p0.WriteTo(message, offset + (((j * Params.VoleColumns) + k) * Params.ScalarBytes));
                        p0.Clear();
                        p1.Clear();
                    }
                }

                Scalar[] chi = Challenge(sessionId, bob, alice, message, offset);

                // Pass 2: shares c_i = −Σ g_j α0_{j,i}, check values r_j = ⟨(χ̃,1), α0_j⟩.
                Ro checkHash = new Ro(Tags.VoleCheck);
                checkHash.Add(sessionId).AddInt((bob << 8) | alice);
                Scalar c1 = Scalar.Zero();
                Scalar c2 = Scalar.Zero();
                for (int j = 0; j < Params.Batch; j++)
                {
                    int rowOffset = j * Params.RowBytes;
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        pad0[k] = HashRow(rowKey, j, k, rows, rowOffset);
                    }

                    r.SetMul(chi[0], pad0[0], work);
                    product.SetMul(chi[1], pad0[1], work);
                    r.SetAdd(r, product);
                    r.SetAdd(r, pad0[2]);
                    checkHash.Add(r);
                    product.SetMul(g[j], pad0[0], work);
                    c1.SetSub(c1, product);
                    product.SetMul(g[j], pad0[1], work);
                    c2.SetSub(c2, product);
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        pad0[k].Clear();
                    }
                }

                int tail = offset + (Params.Batch * Params.VoleColumns * Params.ScalarBytes);
                Scalar u = Scalar.MulSum(chi[0], a1, chi[1], a2);
                u.SetAdd(u, check);
                u.WriteTo(message, tail);
                checkHash.Finish(message, tail + Params.ScalarBytes);
                return new Scalar[] { c1, c2 };
            }
            finally
            {
                Wipe.Bytes(rows);
                Wipe.Bytes(flipped);
                check.Clear();
                r.Clear();
                product.Clear();
                Wipe.Words(work);
                for (int k = 0; k < Params.VoleColumns; k++)
                {
                    if (pad0[k] != null)
                    {
                        pad0[k].Clear();
                    }
                }
            }
        }

        /// <summary>χ̃ = (χ̃_1, χ̃_2) from the hash of τ, bound to session and pair.</summary>
        internal static Scalar[] Challenge(byte[] sessionId, int bob, int alice, byte[] message, int offset)
        {
            Ro ro = new Ro(Tags.VoleChallenge);
            ro.Add(sessionId).AddInt((bob << 8) | alice).Add(message, offset, Params.Batch * Params.VoleColumns * Params.ScalarBytes);
            byte[] digest = ro.Finish();
            Scalar[] chi = new Scalar[Params.VoleWidth];
            for (int k = 0; k < Params.VoleWidth; k++)
            {
                chi[k] = new Ro(Tags.VoleChallenge).Add(digest).AddInt(k).FinishScalar();
            }

            return chi;
        }

        /// <summary>Bytes of <see cref="RowKey"/>: 192 bits, the OT width, so that a row hash stays one compression.</summary>
        internal const int RowKeyBytes = 24;

        /// <summary>
        /// The session's key of the random-OT outputs: the first 24 bytes of H(tag ‖ sid ‖ bob ‖ alice). Binding the
        /// session id into every row hash (README "OT extension": outputs are H(sid, j, row)) keeps two sessions'
        /// pads apart even if their rows were equal.
        /// </summary>
        internal static byte[] RowKey(byte[] sessionId, int bob, int alice)
        {
            byte[] digest = new Ro(Tags.OtRowKey).Add(sessionId).AddInt((bob << 8) | alice).Finish();
            byte[] key = new byte[RowKeyBytes];
            System.Array.Copy(digest, 0, key, 0, RowKeyBytes);
            return key;
        }

        /// <summary>
        /// Column <paramref name="k"/> of the random-OT output of row <paramref name="j"/>:
        /// H(tag ‖ rowKey ‖ j ‖ k ‖ row), 53 bytes, one compression.
        /// </summary>
        internal static Scalar HashRow(byte[] rowKey, int j, int k, byte[] rows, int rowOffset)
        {
            Ro ro = new Ro(Tags.OtRow);
            ro.Add(rowKey, 0, RowKeyBytes).AddInt((j << 2) | k).Add(rows, rowOffset, Params.RowBytes);
            return ro.FinishScalar();
        }

        /// <summary>The public gadget vector: 2^0..2^255, then 160 scalars H(tag ‖ j).</summary>
        internal static Scalar[] Gadget()
        {
            if (gadget == null)
            {
                Scalar[] g = new Scalar[Params.Batch];
                Scalar power = Scalar.One();
                for (int j = 0; j < 256; j++)
                {
                    g[j] = power;
                    power = power.Add(power);
                }

                for (int j = 256; j < Params.Batch; j++)
                {
                    g[j] = new Ro(Tags.Gadget).AddInt(j).FinishScalar();
                }

                gadget = g;
            }

            return gadget;
        }
    }
}
