namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Random vector OLE of DKLs23 (ePrint 2023/765, Functionality 3.5 / Protocol 5.2; the
    /// forced-reuse variant of DKLs19 Protocol 1) over the KOS extension in <see cref="Kos"/>.
    /// Bob's input b = Σ g_j β_j is random (his choice bits); Alice inputs a ∈ Z_q^2. Afterwards
    /// Alice holds c, Bob holds d with c_i + d_i = a_i·b.
    /// </summary>
    /// <remarks>
    /// Orchestration only: the party draws its secrets and maps errors; each round's arithmetic is one call of
    /// the <see cref="IArithmeticBackend"/> (<see cref="ManagedRvole"/> is the reference, crypto/Native the card's).
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

        /// <summary>Bytes of the work buffer every round takes (the extension columns); allocate once per run, wipe after each round.</summary>
        public const int WorkBytes = Params.OtWidth * Params.ColumnBytes;

        /// <summary>Bytes of τ per row: three scalars.</summary>
        public const int TauRowBytes = Params.VoleColumns * Params.ScalarBytes;

        /// <summary>Bytes of the state of Alice's round in pieces (<see cref="IArithmeticBackend.RvoleAliceBegin"/>): public, opaque, backend's own layout.</summary>
        public const int StreamStateBytes = 112;

        /// <summary>Bytes of the session context bound into every PRG and random-oracle call: sid ‖ bob ‖ alice.</summary>
        public const int ContextBytes = Params.SessionIdBytes + 2;

        /// <summary>The context sid ‖ bob ‖ alice of one ordered pair's multiplication in session <paramref name="sessionId"/>.</summary>
        public static byte[] Context(byte[] sessionId, int bob, int alice)
        {
            byte[] context = new byte[ContextBytes];
            System.Array.Copy(sessionId, 0, context, 0, Params.SessionIdBytes);
            context[Params.SessionIdBytes] = (byte)bob;
            context[Params.SessionIdBytes + 1] = (byte)alice;
            return context;
        }

        /// <summary>
        /// Bob's first step: draws his choice bits, runs the extension as receiver and writes his message. Returns his
        /// state, which holds b and what he needs to finish. <paramref name="work"/> (<see cref="WorkBytes"/>) is wiped.
        /// </summary>
        public static RvoleBob Start(IArithmeticBackend backend, byte[] seeds0, byte[] seeds1, byte[] sessionId, int bob, int alice, IRandomSource random, byte[] work, byte[] message, int offset)
        {
            byte[] choices = new byte[Params.ColumnBytes];
            byte[] input = new byte[Params.ScalarBytes];
            byte[] context = Context(sessionId, bob, alice);
            try
            {
                random.Fill(choices, 0, Params.ColumnBytes);
                backend.RvoleBobStart(seeds0, seeds1, context, choices, work, message, offset, input);
                return new RvoleBob(backend, context, choices, seeds0, Scalar.FromBytesStrict(input, 0));
            }
            finally
            {
                Wipe.Bytes(input);
                Wipe.Bytes(work);
            }
        }

        /// <summary>
        /// Alice's step: consumes Bob's message at <paramref name="bobOffset"/>, writes her message at
        /// <paramref name="offset"/> and returns her shares c (two scalars). <paramref name="work"/> is wiped.
        /// </summary>
        /// <exception cref="ThresholdException">OtExtensionCheckFailed, blamed on <paramref name="bob"/>.</exception>
        public static Scalar[] Respond(IArithmeticBackend backend, byte[] delta, byte[] seedsDelta, byte[] sessionId, int bob, int alice, Scalar a1, Scalar a2, IRandomSource random, byte[] bobMessage, int bobOffset, byte[] work, byte[] message, int offset)
        {
            Scalar check = Scalar.Random(random);
            byte[] inputs = new byte[Params.VoleColumns * Params.ScalarBytes];
            byte[] shares = new byte[Params.VoleWidth * Params.ScalarBytes];
            try
            {
                a1.WriteTo(inputs, 0);
                a2.WriteTo(inputs, Params.ScalarBytes);
                check.WriteTo(inputs, 2 * Params.ScalarBytes);
                if (!backend.RvoleAlice(delta, seedsDelta, Context(sessionId, bob, alice), bobMessage, bobOffset, inputs, work, message, offset, shares))
                {
                    throw new ThresholdException(ThresholdError.OtExtensionCheckFailed, bob);
                }

                return new Scalar[] { Scalar.FromBytesStrict(shares, 0), Scalar.FromBytesStrict(shares, Params.ScalarBytes) };
            }
            finally
            {
                check.Clear();
                Wipe.Bytes(inputs);
                Wipe.Bytes(shares);
                Wipe.Bytes(work);
            }
        }
    }
}
