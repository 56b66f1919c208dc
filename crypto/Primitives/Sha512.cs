namespace CardFirmware.Crypto
{
    /// <summary>
    /// SHA-512 (FIPS 180-4 section 6.4), incremental and one-shot. Output is the 64-byte digest in
    /// the standard big-endian byte order.
    /// </summary>
    /// <remarks>
    /// Security: constant time with respect to message content; the running time depends only on
    /// the message length. Buffered message bytes and the schedule are wiped by <see cref="Reset"/>
    /// and after <see cref="Final"/>. Messages are limited to 2^63 - 1 bytes (the 128-bit length
    /// field is written with a zero high half). Not thread-safe.
    /// </remarks>
    public sealed class Sha512
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashSize = 64;

        /// <summary>Compression block size in bytes.</summary>
        public const int BlockSize = 128;

        // FIPS 180-4 section 4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
        private static readonly ulong[] K =
        {
            0x428a2f98d728ae22UL, 0x7137449123ef65cdUL, 0xb5c0fbcfec4d3b2fUL, 0xe9b5dba58189dbbcUL,
            0x3956c25bf348b538UL, 0x59f111f1b605d019UL, 0x923f82a4af194f9bUL, 0xab1c5ed5da6d8118UL,
            0xd807aa98a3030242UL, 0x12835b0145706fbeUL, 0x243185be4ee4b28cUL, 0x550c7dc3d5ffb4e2UL,
            0x72be5d74f27b896fUL, 0x80deb1fe3b1696b1UL, 0x9bdc06a725c71235UL, 0xc19bf174cf692694UL,
            0xe49b69c19ef14ad2UL, 0xefbe4786384f25e3UL, 0x0fc19dc68b8cd5b5UL, 0x240ca1cc77ac9c65UL,
            0x2de92c6f592b0275UL, 0x4a7484aa6ea6e483UL, 0x5cb0a9dcbd41fbd4UL, 0x76f988da831153b5UL,
            0x983e5152ee66dfabUL, 0xa831c66d2db43210UL, 0xb00327c898fb213fUL, 0xbf597fc7beef0ee4UL,
            0xc6e00bf33da88fc2UL, 0xd5a79147930aa725UL, 0x06ca6351e003826fUL, 0x142929670a0e6e70UL,
            0x27b70a8546d22ffcUL, 0x2e1b21385c26c926UL, 0x4d2c6dfc5ac42aedUL, 0x53380d139d95b3dfUL,
            0x650a73548baf63deUL, 0x766a0abb3c77b2a8UL, 0x81c2c92e47edaee6UL, 0x92722c851482353bUL,
            0xa2bfe8a14cf10364UL, 0xa81a664bbc423001UL, 0xc24b8b70d0f89791UL, 0xc76c51a30654be30UL,
            0xd192e819d6ef5218UL, 0xd69906245565a910UL, 0xf40e35855771202aUL, 0x106aa07032bbd1b8UL,
            0x19a4c116b8d2d0c8UL, 0x1e376c085141ab53UL, 0x2748774cdf8eeb99UL, 0x34b0bcb5e19b48a8UL,
            0x391c0cb3c5c95a63UL, 0x4ed8aa4ae3418acbUL, 0x5b9cca4f7763e373UL, 0x682e6ff3d6b2b8a3UL,
            0x748f82ee5defb2fcUL, 0x78a5636f43172f60UL, 0x84c87814a1f0ab72UL, 0x8cc702081a6439ecUL,
            0x90befffa23631e28UL, 0xa4506cebde82bde9UL, 0xbef9a3f7b2c67915UL, 0xc67178f2e372532bUL,
            0xca273eceea26619cUL, 0xd186b8c721c0c207UL, 0xeada7dd6cde0eb1eUL, 0xf57d4f7fee6ed178UL,
            0x06f067aa72176fbaUL, 0x0a637dc5a2c898a6UL, 0x113f9804bef90daeUL, 0x1b710b35131c471bUL,
            0x28db77f523047d84UL, 0x32caab7b40c72493UL, 0x3c9ebe0a15c9bebcUL, 0x431d67c49c100d4cUL,
            0x4cc5d4becb3e42b6UL, 0x597f299cfc657e2aUL, 0x5fcb6fab3ad6faecUL, 0x6c44198c4a475817UL
        };

        private readonly ulong[] _state = new ulong[8];
        private readonly ulong[] _schedule = new ulong[80];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private long _byteCount;

        /// <summary>Creates a hasher ready for a new message.</summary>
        public Sha512()
        {
            Reset();
        }

        /// <summary>Discards any partial message, wipes buffered bytes and restarts from the initial state.</summary>
        public void Reset()
        {
            // FIPS 180-4 section 5.3.5.
            _state[0] = 0x6a09e667f3bcc908UL;
            _state[1] = 0xbb67ae8584caa73bUL;
            _state[2] = 0x3c6ef372fe94f82bUL;
            _state[3] = 0xa54ff53a5f1d36f1UL;
            _state[4] = 0x510e527fade682d1UL;
            _state[5] = 0x9b05688c2b3e6c1fUL;
            _state[6] = 0x1f83d9abfb41bd6bUL;
            _state[7] = 0x5be0cd19137e2179UL;
            Wipe.Bytes(_buffer);
            Wipe.Longs(_schedule);
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
        /// Pads the message, writes the 64-byte digest to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, then resets for a new message.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if 64 bytes do not fit at the offset.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            Guard.Range(output, outputOffset, HashSize);

            // FIPS 180-4 section 5.1.2: 0x80, zeros, then the 128-bit big-endian bit length.
            long bitLength = _byteCount << 3;
            _buffer[_bufferLength++] = 0x80;
            if (_bufferLength > BlockSize - 16)
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
                ByteOrder.WriteUInt64BigEndian(_state[i], output, outputOffset + (i * 8));
            }

            Reset();
        }

        /// <summary>Writes SHA-512 of <paramref name="count"/> bytes of <paramref name="data"/> to <paramref name="output"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for a bad input range or output space.</exception>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Guard.Range(data, offset, count);
            Guard.Range(output, outputOffset, HashSize);
            Sha512 hasher = new Sha512();
            hasher.Update(data, offset, count);
            hasher.Final(output, outputOffset);
        }

        /// <summary>Returns the 64-byte SHA-512 of all of <paramref name="data"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer if <paramref name="data"/> is null.</exception>
        public static byte[] Hash(byte[] data)
        {
            Guard.NotNull(data);
            byte[] output = new byte[HashSize];
            Hash(data, 0, data.Length, output, 0);
            return output;
        }

        /// <summary>Copies the chaining value (valid only on a block boundary) into <paramref name="midstate"/>[0..8).</summary>
        internal void SaveState(ulong[] midstate)
        {
            System.Array.Copy(_state, 0, midstate, 0, 8);
        }

        /// <summary>
        /// Restarts from a saved chaining value as if <paramref name="absorbedBytes"/> (a multiple of
        /// 128) had already been hashed. HMAC uses this to precompute its padded-key blocks once.
        /// </summary>
        internal void LoadState(ulong[] midstate, long absorbedBytes)
        {
            Wipe.Bytes(_buffer);
            System.Array.Copy(midstate, 0, _state, 0, 8);
            _bufferLength = 0;
            _byteCount = absorbedBytes;
        }

        /// <summary>
        /// The SHA-512 compression function (FIPS 180-4 section 6.4.2) on the 128-byte block at
        /// <paramref name="offset"/>. Rounds are unrolled by eight with rotating variable roles so
        /// no per-round register shuffling is needed.
        /// </summary>
        internal static void Compress(ulong[] h, ulong[] w, byte[] block, int offset)
        {
            if (CryptoCounters.Enabled)
            {
                CryptoCounters.Sha512Compressions++;
            }

            for (int t = 0; t < 16; t++)
            {
                w[t] = ByteOrder.ReadUInt64BigEndian(block, offset + (t * 8));
            }

            for (int t = 16; t < 80; t++)
            {
                ulong x = w[t - 15];
                ulong y = w[t - 2];
                ulong s0 = ((x >> 1) | (x << 63)) ^ ((x >> 8) | (x << 56)) ^ (x >> 7);
                ulong s1 = ((y >> 19) | (y << 45)) ^ ((y >> 61) | (y << 3)) ^ (y >> 6);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            ulong a = h[0];
            ulong b = h[1];
            ulong c = h[2];
            ulong d = h[3];
            ulong e = h[4];
            ulong f = h[5];
            ulong g = h[6];
            ulong hh = h[7];

            for (int i = 0; i < 80; i += 8)
            {
                hh += (((e >> 14) | (e << 50)) ^ ((e >> 18) | (e << 46)) ^ ((e >> 41) | (e << 23))) + ((e & f) ^ (~e & g)) + K[i] + w[i];
                d += hh;
                hh += (((a >> 28) | (a << 36)) ^ ((a >> 34) | (a << 30)) ^ ((a >> 39) | (a << 25))) + ((a & b) ^ (a & c) ^ (b & c));
                g += (((d >> 14) | (d << 50)) ^ ((d >> 18) | (d << 46)) ^ ((d >> 41) | (d << 23))) + ((d & e) ^ (~d & f)) + K[i + 1] + w[i + 1];
                c += g;
                g += (((hh >> 28) | (hh << 36)) ^ ((hh >> 34) | (hh << 30)) ^ ((hh >> 39) | (hh << 25))) + ((hh & a) ^ (hh & b) ^ (a & b));
                f += (((c >> 14) | (c << 50)) ^ ((c >> 18) | (c << 46)) ^ ((c >> 41) | (c << 23))) + ((c & d) ^ (~c & e)) + K[i + 2] + w[i + 2];
                b += f;
                f += (((g >> 28) | (g << 36)) ^ ((g >> 34) | (g << 30)) ^ ((g >> 39) | (g << 25))) + ((g & hh) ^ (g & a) ^ (hh & a));
                e += (((b >> 14) | (b << 50)) ^ ((b >> 18) | (b << 46)) ^ ((b >> 41) | (b << 23))) + ((b & c) ^ (~b & d)) + K[i + 3] + w[i + 3];
                a += e;
                e += (((f >> 28) | (f << 36)) ^ ((f >> 34) | (f << 30)) ^ ((f >> 39) | (f << 25))) + ((f & g) ^ (f & hh) ^ (g & hh));
                d += (((a >> 14) | (a << 50)) ^ ((a >> 18) | (a << 46)) ^ ((a >> 41) | (a << 23))) + ((a & b) ^ (~a & c)) + K[i + 4] + w[i + 4];
                hh += d;
                d += (((e >> 28) | (e << 36)) ^ ((e >> 34) | (e << 30)) ^ ((e >> 39) | (e << 25))) + ((e & f) ^ (e & g) ^ (f & g));
                c += (((hh >> 14) | (hh << 50)) ^ ((hh >> 18) | (hh << 46)) ^ ((hh >> 41) | (hh << 23))) + ((hh & a) ^ (~hh & b)) + K[i + 5] + w[i + 5];
                g += c;
                c += (((d >> 28) | (d << 36)) ^ ((d >> 34) | (d << 30)) ^ ((d >> 39) | (d << 25))) + ((d & e) ^ (d & f) ^ (e & f));
                b += (((g >> 14) | (g << 50)) ^ ((g >> 18) | (g << 46)) ^ ((g >> 41) | (g << 23))) + ((g & hh) ^ (~g & a)) + K[i + 6] + w[i + 6];
                f += b;
                b += (((c >> 28) | (c << 36)) ^ ((c >> 34) | (c << 30)) ^ ((c >> 39) | (c << 25))) + ((c & d) ^ (c & e) ^ (d & e));
                a += (((f >> 14) | (f << 50)) ^ ((f >> 18) | (f << 46)) ^ ((f >> 41) | (f << 23))) + ((f & g) ^ (~f & hh)) + K[i + 7] + w[i + 7];
                e += a;
                a += (((b >> 28) | (b << 36)) ^ ((b >> 34) | (b << 30)) ^ ((b >> 39) | (b << 25))) + ((b & c) ^ (b & d) ^ (c & d));
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
