namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Alice's RVOLE message made in pieces (<see cref="IArithmeticBackend.RvoleAliceBegin"/> and the calls after it): τ a
    /// batch of rows at a time, then u ‖ ρ once every row went out. The bytes are those of <see cref="Rvole.Respond"/>,
    /// which draws the same check mask from the same generator; only no 40 KB message is ever held.
    /// </summary>
    /// <remarks>
    /// Security: holds Alice's inputs a' = (a_1, a_2, â) between calls (secret), and the caller's work buffer holds her
    /// rows; <see cref="End"/> and <see cref="Clear"/> wipe both. What goes out before <see cref="End"/> is τ, which is
    /// what <see cref="Rvole.Respond"/> sends too (the pads hide a'); u and ρ, which need every row, come last.
    /// </remarks>
    internal sealed class RvoleAliceStream
    {
        private readonly IArithmeticBackend _backend;
        private readonly byte[] _delta;
        private readonly byte[] _context;
        private readonly byte[] _inputs;
        private readonly byte[] _work;
        private readonly byte[] _state;
        private int _nextRow;
        private bool _closed;

        private RvoleAliceStream(IArithmeticBackend backend, byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state)
        {
            _backend = backend;
            _delta = delta;
            _context = context;
            _inputs = inputs;
            _work = work;
            _state = state;
        }

        /// <summary>Rows whose τ has not gone out yet.</summary>
        public int RowsLeft
        {
            get { return Params.Batch - _nextRow; }
        }

        /// <summary>
        /// Checks Bob's message at <paramref name="bobOffset"/> (KOS) and returns the stream for inputs (a_1, a_2) and a
        /// check mask drawn from <paramref name="random"/>. <paramref name="work"/> (<see cref="Rvole.WorkBytes"/>) is the
        /// stream's until <see cref="End"/> or <see cref="Clear"/>.
        /// </summary>
        /// <exception cref="ThresholdException">OtExtensionCheckFailed, blamed on <paramref name="bob"/> (work and inputs wiped).</exception>
        public static RvoleAliceStream Begin(IArithmeticBackend backend, byte[] delta, byte[] seedsDelta, byte[] sessionId, int bob, int alice, Scalar a1, Scalar a2, IRandomSource random, byte[] bobMessage, int bobOffset, byte[] work)
        {
            Scalar check = Scalar.Random(random);
            byte[] inputs = new byte[Params.VoleColumns * Params.ScalarBytes];
            a1.WriteTo(inputs, 0);
            a2.WriteTo(inputs, Params.ScalarBytes);
            check.WriteTo(inputs, 2 * Params.ScalarBytes);
            check.Clear();
            byte[] context = Rvole.Context(sessionId, bob, alice);
            byte[] state = new byte[Rvole.StreamStateBytes];
            bool accepted = false;
            try
            {
                accepted = backend.RvoleAliceBegin(delta, seedsDelta, context, bobMessage, bobOffset, work, state);
            }
            finally
            {
                if (!accepted)
                {
                    Wipe.Bytes(inputs);
                    Wipe.Bytes(work);
                }
            }

            if (!accepted)
            {
                throw new ThresholdException(ThresholdError.OtExtensionCheckFailed, bob);
            }

            return new RvoleAliceStream(backend, delta, context, inputs, work, state);
        }

        /// <summary>Writes τ of the next <paramref name="rowCount"/> rows (a positive multiple of 8, at most <see cref="RowsLeft"/>) at <paramref name="offset"/>.</summary>
        /// <exception cref="ThresholdException">InvalidState after <see cref="End"/> or <see cref="Clear"/>; InvalidParameters for a bad count.</exception>
        public void Rows(int rowCount, byte[] output, int offset)
        {
            if (_closed)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            if (rowCount <= 0 || rowCount > RowsLeft || (rowCount & 7) != 0)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            _backend.RvoleAliceRows(_delta, _context, _inputs, _work, _state, rowCount, output, offset);
            _nextRow += rowCount;
        }

        /// <summary>After the last row: writes u ‖ ρ (64 bytes) at <paramref name="offset"/> and returns Alice's shares c (two scalars); wipes inputs and work.</summary>
        /// <exception cref="ThresholdException">InvalidState while rows remain or after <see cref="Clear"/>.</exception>
        public Scalar[] End(byte[] output, int offset)
        {
            if (_closed || RowsLeft != 0)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            byte[] shares = new byte[Params.VoleWidth * Params.ScalarBytes];
            try
            {
                _backend.RvoleAliceEnd(_context, _inputs, _work, _state, output, offset, shares);
                return new Scalar[] { Scalar.FromBytesStrict(shares, 0), Scalar.FromBytesStrict(shares, Params.ScalarBytes) };
            }
            finally
            {
                Wipe.Bytes(shares);
                Clear();
            }
        }

        /// <summary>Wipes the inputs, the rows in the work buffer and the state (also on abort); the stream is then closed.</summary>
        public void Clear()
        {
            _closed = true;
            Wipe.Bytes(_inputs);
            Wipe.Bytes(_work);
            Wipe.Bytes(_state);
        }
    }
}
