namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The managed reference of Alice's multiplication round in pieces (<see cref="IArithmeticBackend.RvoleAliceBegin"/>,
    /// <see cref="IArithmeticBackend.RvoleAliceRows"/>, <see cref="IArithmeticBackend.RvoleAliceEnd"/>): the KOS check, then
    /// τ a batch of rows at a time, each batch absorbed into the hash that fixes the challenge χ̃ (README "Building
    /// blocks"), then u and ρ over all rows once χ̃ is known. <see cref="ManagedRvole.Alice"/> is the three in one call.
    /// </summary>
    /// <remarks>
    /// Between calls the work buffer holds Alice's used rows q_0..q_415 (24 bytes each; secret) and the stream state
    /// (<see cref="Rvole.StreamStateBytes"/>, public: it hashes only τ) holds the next row, 4 bytes big-endian, then the
    /// running SHA-256 of tag ‖ sid ‖ pair ‖ τ so far (<see cref="Sha256.SaveState"/>).
    /// </remarks>
    internal static class ManagedRvoleAlice
    {
        private const int TauRowBytes = Params.VoleColumns * Params.ScalarBytes;

        /// <summary>The KOS check; false (work wiped) when it fails, else the used rows in work and a fresh stream state.</summary>
        public static bool Begin(byte[] delta, byte[] seedsDelta, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state)
        {
            byte[] sessionId = ManagedRvole.SessionId(context);
            int bob = context[Params.SessionIdBytes];
            int alice = context[Params.SessionIdBytes + 1];
            byte[] rows = new byte[Params.ExtendedBatch * Params.RowBytes];
            try
            {
                bool accepted = Kos.Receive(delta, seedsDelta, sessionId, bob, alice, bobMessage, bobOffset, work, rows);
                Wipe.Bytes(work);
                if (!accepted)
                {
                    return false;
                }

                System.Array.Copy(rows, 0, work, 0, Params.Batch * Params.RowBytes);
                Sha256 tauHash = new Sha256();
                byte[] prefix = new byte[1 + Params.SessionIdBytes + 4];
                prefix[0] = Tags.VoleChallenge;
                System.Array.Copy(sessionId, 0, prefix, 1, Params.SessionIdBytes);
                prefix[prefix.Length - 2] = (byte)bob;
                prefix[prefix.Length - 1] = (byte)alice;
                tauHash.Update(prefix, 0, prefix.Length);
                System.Array.Clear(state, 0, state.Length);
                tauHash.SaveState(state, 4);
                return true;
            }
            finally
            {
                Wipe.Bytes(rows);
            }
        }

        /// <summary>Writes τ_j = α0_j − α1_j + a' for the next <paramref name="rowCount"/> rows at <paramref name="offset"/> and absorbs them.</summary>
        public static void Rows(byte[] delta, byte[] context, byte[] inputBytes, byte[] work, byte[] state, int rowCount, byte[] message, int offset)
        {
            int first = NextRow(state);
            if (first + rowCount > Params.Batch)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            Scalar[] inputs = Inputs(inputBytes);
            byte[] flipped = new byte[Params.RowBytes];
            try
            {
                byte[] sessionId = ManagedRvole.SessionId(context);
                byte[] rowKey = ManagedRvole.RowKey(sessionId, context[Params.SessionIdBytes], context[Params.SessionIdBytes + 1]);
                for (int j = first; j < first + rowCount; j++)
                {
                    int rowOffset = j * Params.RowBytes;
                    for (int b = 0; b < Params.RowBytes; b++)
                    {
                        flipped[b] = (byte)(work[rowOffset + b] ^ delta[b]);
                    }

                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        Scalar p0 = ManagedRvole.HashRow(rowKey, j, k, work, rowOffset);
                        Scalar p1 = ManagedRvole.HashRow(rowKey, j, k, flipped, 0);

                        // τ in place of α0: α0 − α1 with τ public would give the input away.
                        p0.SetSub(p0, p1);
                        p0.SetAdd(p0, inputs[k]);
                        p0.WriteTo(message, offset + ((((j - first) * Params.VoleColumns) + k) * Params.ScalarBytes));
                        p0.Clear();
                        p1.Clear();
                    }
                }

                Sha256 tauHash = new Sha256();
                tauHash.LoadState(state, 4);
                tauHash.Update(message, offset, rowCount * TauRowBytes);
                tauHash.SaveState(state, 4);
                WriteNextRow(state, first + rowCount);
            }
            finally
            {
                Wipe.Bytes(flipped);
                ManagedRvole.ClearAll(inputs);
            }
        }

        /// <summary>After every row: u ‖ ρ (64 bytes) at <paramref name="offset"/> and the shares c_1 ‖ c_2.</summary>
        public static void End(byte[] context, byte[] inputBytes, byte[] work, byte[] state, byte[] output, int offset, byte[] shares)
        {
            if (NextRow(state) != Params.Batch)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] sessionId = ManagedRvole.SessionId(context);
            int bob = context[Params.SessionIdBytes];
            int alice = context[Params.SessionIdBytes + 1];
            Scalar[] inputs = Inputs(inputBytes);
            Scalar[] pad0 = new Scalar[Params.VoleColumns];
            Scalar r = Scalar.Zero();
            Scalar product = Scalar.Zero();
            Scalar c1 = Scalar.Zero();
            Scalar c2 = Scalar.Zero();
            Scalar u = Scalar.Zero();
            uint[] work32 = Scalar.NewWork();
            try
            {
                Sha256 tauHash = new Sha256();
                tauHash.LoadState(state, 4);
                byte[] digest = new byte[Params.HashBytes];
                tauHash.Final(digest, 0);
                Scalar[] chi = ManagedRvole.ChallengeFromDigest(digest);
                byte[] rowKey = ManagedRvole.RowKey(sessionId, bob, alice);
                Scalar[] g = ManagedRvole.Gadget();

                // c_i = −Σ g_j α0_{j,i}, check values r_j = ⟨(χ̃,1), α0_j⟩.
                Ro checkHash = new Ro(Tags.VoleCheck);
                checkHash.Add(sessionId).AddInt((bob << 8) | alice);
                for (int j = 0; j < Params.Batch; j++)
                {
                    int rowOffset = j * Params.RowBytes;
                    for (int k = 0; k < Params.VoleColumns; k++)
                    {
                        pad0[k] = ManagedRvole.HashRow(rowKey, j, k, work, rowOffset);
                    }

                    r.SetMul(chi[0], pad0[0], work32);
                    product.SetMul(chi[1], pad0[1], work32);
                    r.SetAdd(r, product);
                    r.SetAdd(r, pad0[2]);
                    checkHash.Add(r);
                    product.SetMul(g[j], pad0[0], work32);
                    c1.SetSub(c1, product);
                    product.SetMul(g[j], pad0[1], work32);
                    c2.SetSub(c2, product);
                    ManagedRvole.ClearAll(pad0);
                }

                u.SetMul(chi[0], inputs[0], work32);
                product.SetMul(chi[1], inputs[1], work32);
                u.SetAdd(u, product);
                u.SetAdd(u, inputs[2]);
                u.WriteTo(output, offset);
                checkHash.Finish(output, offset + Params.ScalarBytes);
                c1.WriteTo(shares, 0);
                c2.WriteTo(shares, Params.ScalarBytes);
            }
            finally
            {
                ManagedRvole.ClearAll(inputs);
                ManagedRvole.ClearAll(pad0);
                r.Clear();
                product.Clear();
                c1.Clear();
                c2.Clear();
                u.Clear();
                Wipe.Words(work32);
            }
        }

        private static Scalar[] Inputs(byte[] inputBytes)
        {
            Scalar[] inputs = new Scalar[Params.VoleColumns];
            for (int k = 0; k < Params.VoleColumns; k++)
            {
                inputs[k] = Scalar.FromBytesStrict(inputBytes, k * Params.ScalarBytes);
                if (inputs[k] == null)
                {
                    ManagedRvole.ClearAll(inputs);
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }
            }

            return inputs;
        }

        private static int NextRow(byte[] state)
        {
            return (state[0] << 24) | (state[1] << 16) | (state[2] << 8) | state[3];
        }

        private static void WriteNextRow(byte[] state, int row)
        {
            state[0] = (byte)(row >> 24);
            state[1] = (byte)(row >> 16);
            state[2] = (byte)(row >> 8);
            state[3] = (byte)row;
        }
    }
}
