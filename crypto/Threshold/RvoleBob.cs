namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Bob's state between his RVOLE message and Alice's answer: his choice bits (76 bytes) and his random
    /// input b. His extension rows t_j are not kept (they would be 416 × 24 = 9,984 bytes across the round
    /// trip): the backend's <see cref="IArithmeticBackend.RvoleBobFinish"/> expands them again from the stored
    /// base-OT seeds k0, since t_j is bit j of the columns PRG(k0_k) (<see cref="Kos"/>).
    /// </summary>
    /// <remarks>Security: the choice bits and b are secret; <see cref="Finish"/> and <see cref="Clear"/> wipe them
    /// and every row buffer, and a second Finish fails. The seeds belong to the key share and are not wiped here.</remarks>
    internal sealed class RvoleBob
    {
        private readonly IArithmeticBackend _backend;
        private readonly byte[] _context;
        private readonly byte[] _choices;
        private readonly byte[] _seeds0;
        private bool _used;

        /// <summary>Takes ownership of <paramref name="choices"/>; <paramref name="seeds0"/> is the key share's and only read.</summary>
        public RvoleBob(IArithmeticBackend backend, byte[] context, byte[] choices, byte[] seeds0, Scalar b)
        {
            _backend = backend;
            _context = context;
            _choices = choices;
            _seeds0 = seeds0;
            B = b;
        }

        /// <summary>Bob's random input b = Σ g_j β_j (DKLs23's χ).</summary>
        public Scalar B { get; }

        /// <summary>
        /// Consumes Alice's message at <paramref name="offset"/>, checks it and returns Bob's shares d (two scalars).
        /// <paramref name="work"/> (<see cref="Rvole.WorkBytes"/>) is wiped.
        /// </summary>
        /// <exception cref="ThresholdException">MultiplicationCheckFailed or InvalidScalar blamed on Alice; InvalidState on reuse.</exception>
        public Scalar[] Finish(byte[] message, int offset, byte[] work)
        {
            if (_used)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            _used = true;
            int alice = _context[Params.SessionIdBytes + 1];
            byte[] shares = new byte[Params.VoleWidth * Params.ScalarBytes];
            try
            {
                bool accepted;
                try
                {
                    accepted = _backend.RvoleBobFinish(_seeds0, _choices, _context, message, offset, work, shares);
                }
                catch (CryptoException)
                {
                    throw new ThresholdException(ThresholdError.InvalidScalar, alice);
                }

                if (!accepted)
                {
                    throw new ThresholdException(ThresholdError.MultiplicationCheckFailed, alice);
                }

                return new Scalar[] { Scalar.FromBytesStrict(shares, 0), Scalar.FromBytesStrict(shares, Params.ScalarBytes) };
            }
            finally
            {
                Wipe.Bytes(shares);
                Wipe.Bytes(work);
                Clear();
            }
        }

        /// <summary>Wipes the state (also on abort).</summary>
        public void Clear()
        {
            _used = true;
            Wipe.Bytes(_choices);
        }
    }
}
