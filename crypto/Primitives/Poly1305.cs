namespace CardFirmware.Crypto
{
    /// <summary>
    /// The Poly1305 one-time authenticator of RFC 8439 section 2.5: a 32-byte one-time key
    /// (r, clamped, and s) and a 16-byte little-endian tag.
    /// </summary>
    /// <remarks>
    /// Arithmetic mod 2^130 - 5 uses five 26-bit limbs with 64-bit products, and the final
    /// reduction selects by mask, so timing depends only on the message length.
    /// Security: a key must authenticate one message only. <see cref="Final"/> and
    /// <see cref="Dispose"/> wipe the key and the accumulator; the instance cannot be reused.
    /// </remarks>
    public sealed class Poly1305 : System.IDisposable
    {
        /// <summary>One-time key size in bytes (r then s).</summary>
        public const int KeySize = 32;

        /// <summary>Tag size in bytes.</summary>
        public const int TagSize = 16;

        /// <summary>Message block size in bytes.</summary>
        public const int BlockSize = 16;

        private const uint LimbMask = 0x3ffffff;

        // r in 26-bit limbs, r*5 for the wrap-around terms, the accumulator h, and s.
        private readonly uint[] _r = new uint[5];
        private readonly uint[] _h = new uint[5];
        private readonly uint[] _pad = new uint[4];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private bool _finished;

        /// <summary>Creates an authenticator keyed with key[keyOffset..keyOffset+32) (copied).</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength if 32 key bytes are not available at the offset.</exception>
        public Poly1305(byte[] key, int keyOffset)
        {
            Guard.Range(key, keyOffset, KeySize);

            // RFC 8439 section 2.5.1: clamp r (clear the top 4 bits of bytes 3, 7, 11, 15 and the
            // low 2 bits of bytes 4, 8, 12), split into 26-bit limbs.
            _r[0] = ByteOrder.ReadUInt32LittleEndian(key, keyOffset) & 0x3ffffff;
            _r[1] = (ByteOrder.ReadUInt32LittleEndian(key, keyOffset + 3) >> 2) & 0x3ffff03;
            _r[2] = (ByteOrder.ReadUInt32LittleEndian(key, keyOffset + 6) >> 4) & 0x3ffc0ff;
            _r[3] = (ByteOrder.ReadUInt32LittleEndian(key, keyOffset + 9) >> 6) & 0x3f03fff;
            _r[4] = (ByteOrder.ReadUInt32LittleEndian(key, keyOffset + 12) >> 8) & 0x00fffff;
            for (int i = 0; i < 4; i++)
            {
                _pad[i] = ByteOrder.ReadUInt32LittleEndian(key, keyOffset + 16 + (i * 4));
            }
        }

        /// <summary>Absorbs <paramref name="count"/> message bytes from <paramref name="data"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength for a bad range; Disposed after <see cref="Final"/> or <see cref="Dispose"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            ThrowIfFinished();
            Guard.Range(data, offset, count);

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

                Blocks(_buffer, 0, BlockSize, 1u << 24);
                _bufferLength = 0;
            }

            int whole = count & ~(BlockSize - 1);
            if (whole > 0)
            {
                Blocks(data, offset, whole, 1u << 24);
                offset += whole;
                count -= whole;
            }

            if (count > 0)
            {
                System.Array.Copy(data, offset, _buffer, 0, count);
                _bufferLength = count;
            }
        }

        /// <summary>
        /// Absorbs zero bytes up to the next 16-byte boundary of the message absorbed so far
        /// (the padding of the RFC 8439 section 2.8 AEAD construction).
        /// </summary>
        internal void PadToBlock()
        {
            if (_bufferLength > 0)
            {
                System.Array.Clear(_buffer, _bufferLength, BlockSize - _bufferLength);
                Blocks(_buffer, 0, BlockSize, 1u << 24);
                _bufferLength = 0;
            }
        }

        /// <summary>
        /// Writes the 16-byte tag to <paramref name="output"/> at <paramref name="outputOffset"/> and
        /// wipes the key; the instance cannot be used again.
        /// </summary>
        /// <exception cref="CryptoException">NullBuffer/InvalidLength if 16 bytes do not fit; Disposed if already finished.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            ThrowIfFinished();
            Guard.Range(output, outputOffset, TagSize);

            if (_bufferLength > 0)
            {
                // RFC 8439 section 2.5.1: a short last block gets a 0x01 byte after it and no 2^128 bit.
                _buffer[_bufferLength] = 1;
                System.Array.Clear(_buffer, _bufferLength + 1, BlockSize - _bufferLength - 1);
                Blocks(_buffer, 0, BlockSize, 0);
            }

            uint h0 = _h[0];
            uint h1 = _h[1];
            uint h2 = _h[2];
            uint h3 = _h[3];
            uint h4 = _h[4];

            // Full carry so each limb is below 2^26 (h may still be >= p).
            uint c = h1 >> 26; h1 &= LimbMask;
            h2 += c; c = h2 >> 26; h2 &= LimbMask;
            h3 += c; c = h3 >> 26; h3 &= LimbMask;
            h4 += c; c = h4 >> 26; h4 &= LimbMask;
            h0 += c * 5; c = h0 >> 26; h0 &= LimbMask;
            h1 += c;

            // g = h + 5 - 2^130; if that does not borrow, h >= p and the result is g.
            uint g0 = h0 + 5; c = g0 >> 26; g0 &= LimbMask;
            uint g1 = h1 + c; c = g1 >> 26; g1 &= LimbMask;
            uint g2 = h2 + c; c = g2 >> 26; g2 &= LimbMask;
            uint g3 = h3 + c; c = g3 >> 26; g3 &= LimbMask;
            uint g4 = h4 + c - (1u << 26);

            uint useG = (g4 >> 31) - 1u;
            uint useH = ~useG;
            h0 = (h0 & useH) | (g0 & useG);
            h1 = (h1 & useH) | (g1 & useG);
            h2 = (h2 & useH) | (g2 & useG);
            h3 = (h3 & useH) | (g3 & useG);
            h4 = (h4 & useH) | (g4 & useG);

            // Repack into four 32-bit words (mod 2^128) and add s.
            uint w0 = h0 | (h1 << 26);
            uint w1 = (h1 >> 6) | (h2 << 20);
            uint w2 = (h2 >> 12) | (h3 << 14);
            uint w3 = (h3 >> 18) | (h4 << 8);

            ulong f = (ulong)w0 + _pad[0];
            ByteOrder.WriteUInt32LittleEndian((uint)f, output, outputOffset);
            f = (ulong)w1 + _pad[1] + (f >> 32);
            ByteOrder.WriteUInt32LittleEndian((uint)f, output, outputOffset + 4);
            f = (ulong)w2 + _pad[2] + (f >> 32);
            ByteOrder.WriteUInt32LittleEndian((uint)f, output, outputOffset + 8);
            f = (ulong)w3 + _pad[3] + (f >> 32);
            ByteOrder.WriteUInt32LittleEndian((uint)f, output, outputOffset + 12);

            Dispose();
        }

        /// <summary>Wipes the key, accumulator and buffered bytes; later calls throw <see cref="CryptoError.Disposed"/>.</summary>
        public void Dispose()
        {
            Wipe.Words(_r);
            Wipe.Words(_h);
            Wipe.Words(_pad);
            Wipe.Bytes(_buffer);
            _bufferLength = 0;
            _finished = true;
        }

        /// <summary>Writes the Poly1305 tag of data[offset..offset+count) under the 32-byte one-time key to <paramref name="tag"/>.</summary>
        /// <exception cref="CryptoException">NullBuffer or InvalidLength for bad arguments.</exception>
        public static void Compute(byte[] key, byte[] data, int offset, int count, byte[] tag, int tagOffset)
        {
            Guard.Exact(key, KeySize);
            Guard.Range(data, offset, count);
            Guard.Range(tag, tagOffset, TagSize);
            Poly1305 mac = new Poly1305(key, 0);
            try
            {
                mac.Update(data, offset, count);
                mac.Final(tag, tagOffset);
            }
            finally
            {
                mac.Dispose();
            }
        }

        /// <summary>
        /// h = (h + block + hibit * 2^128) * r mod 2^130 - 5 for each 16-byte block in
        /// data[offset..offset+count); <paramref name="hibit"/> is 2^24 in the top limb (a full
        /// block) or 0 (a padded final block that already carries its 0x01 byte).
        /// </summary>
        private void Blocks(byte[] data, int offset, int count, uint hibit)
        {
            uint r0 = _r[0];
            uint r1 = _r[1];
            uint r2 = _r[2];
            uint r3 = _r[3];
            uint r4 = _r[4];
            uint s1 = r1 * 5;
            uint s2 = r2 * 5;
            uint s3 = r3 * 5;
            uint s4 = r4 * 5;
            uint h0 = _h[0];
            uint h1 = _h[1];
            uint h2 = _h[2];
            uint h3 = _h[3];
            uint h4 = _h[4];

            for (; count >= BlockSize; count -= BlockSize, offset += BlockSize)
            {
                if (CryptoCounters.Enabled)
                {
                    CryptoCounters.Poly1305Blocks++;
                }

                h0 += ByteOrder.ReadUInt32LittleEndian(data, offset) & LimbMask;
                h1 += (ByteOrder.ReadUInt32LittleEndian(data, offset + 3) >> 2) & LimbMask;
                h2 += (ByteOrder.ReadUInt32LittleEndian(data, offset + 6) >> 4) & LimbMask;
                h3 += (ByteOrder.ReadUInt32LittleEndian(data, offset + 9) >> 6) & LimbMask;
                h4 += (ByteOrder.ReadUInt32LittleEndian(data, offset + 12) >> 8) | hibit;

                // Schoolbook product; limbs that pass 2^130 wrap around times 5 (2^130 = 5 mod p).
                ulong d0 = ((ulong)h0 * r0) + ((ulong)h1 * s4) + ((ulong)h2 * s3) + ((ulong)h3 * s2) + ((ulong)h4 * s1);
                ulong d1 = ((ulong)h0 * r1) + ((ulong)h1 * r0) + ((ulong)h2 * s4) + ((ulong)h3 * s3) + ((ulong)h4 * s2);
                ulong d2 = ((ulong)h0 * r2) + ((ulong)h1 * r1) + ((ulong)h2 * r0) + ((ulong)h3 * s4) + ((ulong)h4 * s3);
                ulong d3 = ((ulong)h0 * r3) + ((ulong)h1 * r2) + ((ulong)h2 * r1) + ((ulong)h3 * r0) + ((ulong)h4 * s4);
                ulong d4 = ((ulong)h0 * r4) + ((ulong)h1 * r3) + ((ulong)h2 * r2) + ((ulong)h3 * r1) + ((ulong)h4 * r0);

                // Partial carry: limbs end below 2^26 except h1, which may be slightly above.
                uint c = (uint)(d0 >> 26); h0 = (uint)d0 & LimbMask;
                d1 += c; c = (uint)(d1 >> 26); h1 = (uint)d1 & LimbMask;
                d2 += c; c = (uint)(d2 >> 26); h2 = (uint)d2 & LimbMask;
                d3 += c; c = (uint)(d3 >> 26); h3 = (uint)d3 & LimbMask;
                d4 += c; c = (uint)(d4 >> 26); h4 = (uint)d4 & LimbMask;
                h0 += c * 5; c = h0 >> 26; h0 &= LimbMask;
                h1 += c;
            }

            _h[0] = h0;
            _h[1] = h1;
            _h[2] = h2;
            _h[3] = h3;
            _h[4] = h4;
        }

        private void ThrowIfFinished()
        {
            if (_finished)
            {
                throw new CryptoException(CryptoError.Disposed);
            }
        }
    }
}
