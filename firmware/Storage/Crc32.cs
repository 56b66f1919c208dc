namespace CardFirmware.Storage
{
    /// <summary>
    /// CRC-32 as used by IEEE 802.3 and zlib: reflected polynomial 0xEDB88320, initial value and
    /// final XOR 0xFFFFFFFF; check value of the ASCII bytes "123456789" is 0xCBF43926.
    /// It detects torn and flipped bytes; it is not a MAC and protects nothing against an attacker.
    /// </summary>
    internal static class Crc32
    {
        /// <summary>The state to start from.</summary>
        internal const uint Initial = 0xFFFFFFFF;

        private static readonly uint[] Table = BuildTable();

        /// <summary>Feeds <paramref name="count"/> bytes of <paramref name="data"/> into <paramref name="state"/>.</summary>
        internal static uint Update(uint state, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                state = Table[(state ^ data[i]) & 0xFF] ^ (state >> 8);
            }

            return state;
        }

        /// <summary>The checksum of a finished state.</summary>
        internal static uint Finish(uint state)
        {
            return ~state;
        }

        /// <summary>The checksum of <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
        internal static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Initial, data, offset, count));
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
