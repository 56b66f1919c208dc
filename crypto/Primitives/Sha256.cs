namespace CardFirmware.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 section 6.2), incremental and one-shot. Output is the 32-byte digest in
    /// the standard big-endian byte order.
    /// </summary>
    /// <remarks>
    /// Security: constant time with respect to message content (no data-dependent branches or
    /// table indices); the running time depends only on the message length. Buffers holding
    /// message bytes and the schedule are wiped by <see cref="Reset"/> and after <see cref="Final"/>.
    /// Not thread-safe: one instance per caller.
    /// </remarks>
    public sealed class Sha256
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>Compression block size in bytes.</summary>
        public const int BlockSize = 64;

        // FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private long _byteCount;

        /// <summary>Creates a hasher ready for a new message.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Discards any partial message, wipes buffered bytes and restarts from the initial state.</summary>
        public void Reset()
        {
            // FIPS 180-4 section 5.3.3.
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            Wipe.Bytes(_buffer);
            Wipe.Words(_schedule);
            _bufferLength = 0;
            _byteCount = 0;
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if the range is not inside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            Guard.Range(data, offset, count);
            _byteCount += count;

            if (_bufferLength > 0)
            {
                int take = BlockSize - _bufferLength;
                if (take > count)
                {
                    take = count;
                }

                System.Array.Copy(data, offset, _buffer, _bufferLength, take);
                _bufferLength += take;
                offset += take;
                count -= take;
                if (_bufferLength < BlockSize)
                {
                    return;
                }

                Compress(_state, _schedule, _buffer, 0);
                _bufferLength = 0;
            }

            while (count >= BlockSize)
            {
                Compress(_state, _schedule, data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                System.Array.Copy(data, offset, _buffer, 0, count);
                _bufferLength = count;
            }
        }

        /// <summary>
        /// Pads the message, writes the 32-byte digest to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, then resets for a new message.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if 32 bytes do not fit at the offset.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            Guard.Range(output, outputOffset, HashSize);

            // FIPS 180-4 section 5.1.1: 0x80, zeros, then the 64-bit big-endian bit length.
            long bitLength = _byteCount << 3;
            _buffer[_bufferLength++] = 0x80;
            if (_bufferLength > BlockSize - 8)
            {
                System.Array.Clear(_buffer, _bufferLength, BlockSize - _bufferLength);
                Compress(_state, _schedule, _buffer, 0);
                _bufferLength = 0;
            }

            System.Array.Clear(_buffer, _bufferLength, BlockSize - 8 - _bufferLength);
            ByteOrder.WriteUInt64BigEndian((ulong)bitLength, _buffer, BlockSize - 8);
            Compress(_state, _schedule, _buffer, 0);

            for (int i = 0; i < 8; i++)
            {
                ByteOrder.WriteUInt32BigEndian(_state[i], output, outputOffset + (i * 4));
            }

            Reset();
        }

        /// <summary>Bytes of a saved state (<see cref="SaveState"/>): the eight state words (32, big-endian), the byte count (8, big-endian) and the 64-byte block buffer.</summary>
        public const int StateSize = 32 + 8 + BlockSize;

        /// <summary>
        /// Writes the running state (<see cref="StateSize"/> bytes) to <paramref name="state"/> at <paramref name="offset"/>, so that a
        /// message absorbed across several calls of a protocol (a round message arriving or leaving in pieces) can be
        /// continued later by <see cref="LoadState"/> without this object being kept.
        /// </summary>
        /// <remarks>Security: the saved state holds the unabsorbed tail of the message; wipe it when the message is secret.</remarks>
        public void SaveState(byte[] state, int offset)
        {
            Guard.Range(state, offset, StateSize);
            for (int i = 0; i < 8; i++)
            {
                ByteOrder.WriteUInt32BigEndian(_state[i], state, offset + (i * 4));
            }

            ByteOrder.WriteUInt64BigEndian((ulong)_byteCount, state, offset + 32);
            System.Array.Copy(_buffer, 0, state, offset + 40, BlockSize);
        }

        /// <summary>Continues from a state written by <see cref="SaveState"/> (its buffered bytes are the byte count modulo 64).</summary>
        public void LoadState(byte[] state, int offset)
        {
            Guard.Range(state, offset, StateSize);
            Reset();
            for (int i = 0; i < 8; i++)
            {
                _state[i] = ByteOrder.ReadUInt32BigEndian(state, offset + (i * 4));
            }

            _byteCount = (long)ByteOrder.ReadUInt64BigEndian(state, offset + 32);
            _bufferLength = (int)(_byteCount & (BlockSize - 1));
            System.Array.Copy(state, offset + 40, _buffer, 0, BlockSize);
        }

        /// <summary>Writes SHA-256 of <paramref name="count"/> bytes of <paramref name="data"/> to <paramref name="output"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a bad input range or output space.</exception>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Guard.Range(data, offset, count);
            Guard.Range(output, outputOffset, HashSize);
            Sha256 hasher = new Sha256();
            hasher.Update(data, offset, count);
            hasher.Final(output, outputOffset);
        }

        /// <summary>Returns the 32-byte SHA-256 of all of <paramref name="data"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer if <paramref name="data"/> is null.</exception>
        public static byte[] Hash(byte[] data)
        {
            Guard.NotNull(data);
            byte[] output = new byte[HashSize];
            Hash(data, 0, data.Length, output, 0);
            return output;
        }

        /// <summary>Copies the chaining value (valid only on a block boundary) into <paramref name="midstate"/>[0..8).</summary>
        internal void SaveState(uint[] midstate)
        {
            System.Array.Copy(_state, 0, midstate, 0, 8);
        }

        /// <summary>
        /// Restarts from a saved chaining value as if <paramref name="absorbedBytes"/> (a multiple of
        /// 64) had already been hashed. HMAC uses this to precompute its padded-key blocks once.
        /// </summary>
        internal void LoadState(uint[] midstate, long absorbedBytes)
        {
            Wipe.Bytes(_buffer);
            System.Array.Copy(midstate, 0, _state, 0, 8);
            _bufferLength = 0;
            _byteCount = absorbedBytes;
        }

        /// <summary>
        /// The SHA-256 compression function (FIPS 180-4 section 6.2.2) on the 64-byte block at
        /// <paramref name="offset"/>. Rounds are unrolled by eight with rotating variable roles so
        /// no per-round register shuffling is needed.
        /// </summary>
        internal static void Compress(uint[] h, uint[] w, byte[] block, int offset)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.Sha256Compressions++;
            }

            for (int t = 0; t < 16; t++)
            {
                int p = offset + (t * 4);
                w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint a = h[0];
            uint b = h[1];
            uint c = h[2];
            uint d = h[3];
            uint e = h[4];
            uint f = h[5];
            uint g = h[6];
            uint hh = h[7];

            for (int i = 0; i < 64; i += 8)
            {
                hh += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i];
                d += hh;
                hh += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c));
                g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + K[i + 1] + w[i + 1];
                c += g;
                g += (((hh >> 2) | (hh << 30)) ^ ((hh >> 13) | (hh << 19)) ^ ((hh >> 22) | (hh << 10))) + ((hh & a) ^ (hh & b) ^ (a & b));
                f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + K[i + 2] + w[i + 2];
                b += f;
                f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & hh) ^ (g & a) ^ (hh & a));
                e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + K[i + 3] + w[i + 3];
                a += e;
                e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) ^ (f & hh) ^ (g & hh));
                d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + K[i + 4] + w[i + 4];
                hh += d;
                d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g));
                c += (((hh >> 6) | (hh << 26)) ^ ((hh >> 11) | (hh << 21)) ^ ((hh >> 25) | (hh << 7))) + ((hh & a) ^ (~hh & b)) + K[i + 5] + w[i + 5];
                g += c;
                c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f));
                b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + ((g & hh) ^ (~g & a)) + K[i + 6] + w[i + 6];
                f += b;
                b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e));
                a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + ((f & g) ^ (~f & hh)) + K[i + 7] + w[i + 7];
                e += a;
                a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d));
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }
    }
}
