namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Expands a 16-byte base-OT seed into one OT-extension column for one session:
    /// block c = SHA-256(tag ‖ seed ‖ sid ‖ bob ‖ alice ‖ column(2, BE) ‖ c), concatenated and truncated.
    /// The input is 54 bytes, so each 32 output bytes cost one compression.
    /// </summary>
    /// <remarks>Security: the seed and the output are secret; the scratch buffers are wiped by <see cref="Clear"/>.</remarks>
    internal sealed class Prg
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _input = new byte[54];
        private readonly byte[] _block = new byte[32];

        /// <summary>Binds the expander to session <paramref name="sessionId"/> and the ordered pair (Bob, Alice).</summary>
        public Prg(byte[] sessionId, int bob, int alice)
        {
            _input[0] = Tags.Prg;
            System.Array.Copy(sessionId, 0, _input, 17, Params.SessionIdBytes);
            _input[49] = (byte)bob;
            _input[50] = (byte)alice;
        }

        /// <summary>Writes <paramref name="length"/> bytes of the stream of (seed, column) to <paramref name="output"/> at <paramref name="outputOffset"/>.</summary>
        public void Expand(byte[] seeds, int seedOffset, int column, byte[] output, int outputOffset, int length)
        {
            System.Array.Copy(seeds, seedOffset, _input, 1, Params.SeedBytes);
            _input[51] = (byte)(column >> 8);
            _input[52] = (byte)column;
            int done = 0;
            for (int c = 0; done < length; c++)
            {
                _input[53] = (byte)c;
                _sha.Update(_input, 0, _input.Length);
                _sha.Final(_block, 0);
                int take = length - done < 32 ? length - done : 32;
                System.Array.Copy(_block, 0, output, outputOffset + done, take);
                done += take;
            }
        }

        /// <summary>Wipes the seed copy and the last output block.</summary>
        public void Clear()
        {
            System.Array.Clear(_input, 1, Params.SeedBytes);
            Wipe.Bytes(_block);
        }
    }
}
