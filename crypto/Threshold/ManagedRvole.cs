namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The managed reference of the two-party multiplication rounds of <see cref="IArithmeticBackend"/>
    /// (<see cref="IArithmeticBackend.RvoleBobStart"/>, <see cref="IArithmeticBackend.RvoleAlice"/>,
    /// <see cref="IArithmeticBackend.RvoleBobFinish"/>): the KOS extension (<see cref="Kos"/>) and the RVOLE
    /// row loops of README "Building blocks". The native module (crypto/Native/src/rvole.c) gives the same bytes.
    /// </summary>
    /// <remarks>Security: every intermediate derived from a secret is wiped before return; the work buffer is the caller's.</remarks>
    internal static class ManagedRvole
    {
        // Bytes of a column's first Params.Batch bits: the prefix of the column that feeds the used rows.
        private const int UsedColumnBytes = Params.Batch / 8;

        private static Scalar[] _gadget;

        /// <summary>Bob's round: the KOS message and b = Σ g_j β_j (32 bytes to <paramref name="bobInput"/>).</summary>
        public static void BobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int offset, byte[] bobInput)
        {
            byte[] sessionId = SessionId(context);
            byte[] allRows = new byte[Params.ExtendedBatch * Params.RowBytes];
            Scalar b = Scalar.Zero();
            Scalar term = Scalar.Zero();
            try
            {
                Kos.Extend(seeds0, seeds1, sessionId, context[Params.SessionIdBytes], context[Params.SessionIdBytes + 1], choices, work, allRows, message, offset);
                Scalar[] g = Gadget();
                Scalar zero = Scalar.Zero();
                for (int j = 0; j < Params.Batch; j++)
                {
                    term.SetSelect(BitMatrix.Bit(choices, j), g[j], zero);
                    b.SetAdd(b, term);
                }

                b.WriteTo(bobInput, 0);
            }
            finally
            {
                Wipe.Bytes(allRows);
                b.Clear();
                term.Clear();
            }
        }

        /// <summary>Alice's round; false (nothing written) when the KOS check fails. The pieces of <see cref="ManagedRvoleAlice"/> in one call.</summary>
        public static bool Alice(byte[] delta, byte[] seedsDelta, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputBytes, byte[] work, byte[] message, int offset, byte[] shares)
        {
            byte[] state = new byte[Rvole.StreamStateBytes];
            if (!ManagedRvoleAlice.Begin(delta, seedsDelta, context, bobMessage, bobOffset, work, state))
            {
                return false;
            }

            ManagedRvoleAlice.Rows(delta, context, inputBytes, work, state, Params.Batch, message, offset);
            ManagedRvoleAlice.End(context, inputBytes, work, state, message, offset + (Params.Batch * Params.VoleColumns * Params.ScalarBytes), shares);
            return true;
        }

        /// <summary>Bob's finish; false when the RVOLE check fails, shares written only when it passes.</summary>
        /// <exception cref="CryptoException">InvalidEncoding when a scalar of Alice's message is not below n.</exception>
        public static bool BobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] message, int offset, byte[] work, byte[] shares)
        {
            byte[] sessionId = SessionId(context);
            int bob = context[Params.SessionIdBytes];
            int alice = context[Params.SessionIdBytes + 1];

            // Alice's scalars are public: all are checked before any secret work.
            Scalar[] tau = new Scalar[Params.Batch * Params.VoleColumns];
            for (int i = 0; i < tau.Length; i++)
            {
                tau[i] = Scalar.FromBytesStrict(message, offset + (i * Params.ScalarBytes));
                if (tau[i] == null)
                {
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }
            }

            int tail = offset + (Params.Batch * Params.VoleColumns * Params.ScalarBytes);
            Scalar u = Scalar.FromBytesStrict(message, tail);
            if (u == null)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            Scalar[] d = new Scalar[Params.VoleColumns];
            byte[] expected = new byte[Params.HashBytes];
            byte[] row = new byte[Params.RowBytes];
            Scalar d1 = Scalar.Zero();
            Scalar d2 = Scalar.Zero();
            Scalar r = Scalar.Zero();
            Scalar term = Scalar.Zero();
            uint[] work32 = Scalar.NewWork();
            try
            {
                // t_j is bit j of the columns PRG(k0_k); their first Batch bits are a prefix of what BobStart expanded.
                Prg prg = new Prg(sessionId, bob, alice);
                for (int k = 0; k < Params.OtWidth; k++)
                {
                    prg.Expand(seeds0, k * Params.SeedBytes, k, work, k * UsedColumnBytes, UsedColumnBytes);
                }

                prg.Clear();
                Scalar[] chi = Challenge(sessionId, bob, alice, message, offset);
                Scalar[] g = Gadget();
                byte[] rowKey = RowKey(sessionId, bob, alice);
                Ro checkHash = new Ro(Tags.VoleCheck);
                checkHash.Add(sessionId).AddInt((bob << 8) | alice);
                Scalar zero = Scalar.Zero();
                for (int j = 0; j < Params.Batch; j++)
                {
                    int bit = BitMatrix.Bit(choices, j);
                    BitMatrix.ReadRow(work, UsedColumnBytes, j, row);
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        // d = γ + β·τ in place of γ: a selected τ would tell the choice bit.
                        d[k] = HashRow(rowKey, j, k, row, 0);
                        term.SetSelect(bit, tau[(j * Params.VoleColumns) + k], zero);
                        d[k].SetAdd(d[k], term);
                    }

                    r.SetMul(chi[0], d[0], work32);
                    term.SetMul(chi[1], d[1], work32);
                    r.SetAdd(r, term);
                    r.SetAdd(r, d[2]);
                    term.SetSelect(bit, u, zero);
                    r.SetSub(r, term);
                    checkHash.Add(r);
                    term.SetMul(g[j], d[0], work32);
                    d1.SetAdd(d1, term);
                    term.SetMul(g[j], d[1], work32);
                    d2.SetAdd(d2, term);
                    ClearAll(d);
                }

                checkHash.Finish(expected, 0);
                if (!ConstantTime.AreEqual(expected, 0, message, tail + Params.ScalarBytes, Params.HashBytes))
                {
                    return false;
                }

                d1.WriteTo(shares, 0);
                d2.WriteTo(shares, Params.ScalarBytes);
                return true;
            }
            finally
            {
                Wipe.Bytes(row);
                r.Clear();
                term.Clear();
                d1.Clear();
                d2.Clear();
                Wipe.Words(work32);
                ClearAll(d);
            }
        }

        /// <summary>χ̃ = (χ̃_1, χ̃_2) from the hash of τ, bound to session and pair.</summary>
        private static Scalar[] Challenge(byte[] sessionId, int bob, int alice, byte[] message, int offset)
        {
            Ro ro = new Ro(Tags.VoleChallenge);
            ro.Add(sessionId).AddInt((bob << 8) | alice).Add(message, offset, Params.Batch * Params.VoleColumns * Params.ScalarBytes);
            return ChallengeFromDigest(ro.Finish());
        }

        /// <summary>χ̃_k = H(tag ‖ digest ‖ k) mod n for the digest H(tag ‖ sid ‖ pair ‖ τ).</summary>
        internal static Scalar[] ChallengeFromDigest(byte[] digest)
        {
            Scalar[] chi = new Scalar[Params.VoleWidth];
            for (int k = 0; k < Params.VoleWidth; k++)
            {
                chi[k] = new Ro(Tags.VoleChallenge).Add(digest).AddInt(k).FinishScalar();
            }

            return chi;
        }

        /// <summary>Bytes of <see cref="RowKey"/>: 192 bits, the OT width, so that a row hash stays one compression.</summary>
        private const int RowKeyBytes = 24;

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

        /// <summary>Column <paramref name="k"/> of the random-OT output of row <paramref name="j"/>: H(tag ‖ rowKey ‖ j ‖ k ‖ row), one compression.</summary>
        internal static Scalar HashRow(byte[] rowKey, int j, int k, byte[] rows, int rowOffset)
        {
            Ro ro = new Ro(Tags.OtRow);
            ro.Add(rowKey, 0, RowKeyBytes).AddInt((j << 2) | k).Add(rows, rowOffset, Params.RowBytes);
            return ro.FinishScalar();
        }

        /// <summary>The public gadget vector: 2^0..2^255, then 160 scalars H(tag ‖ j).</summary>
        internal static Scalar[] Gadget()
        {
            if (_gadget == null)
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

                _gadget = g;
            }

            return _gadget;
        }

        internal static byte[] SessionId(byte[] context)
        {
            byte[] sessionId = new byte[Params.SessionIdBytes];
            System.Array.Copy(context, 0, sessionId, 0, Params.SessionIdBytes);
            return sessionId;
        }

        internal static void ClearAll(Scalar[] scalars)
        {
            for (int i = 0; i < scalars.Length; i++)
            {
                if (scalars[i] != null)
                {
                    scalars[i].Clear();
                    scalars[i] = null;
                }
            }
        }
    }
}
