namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The random oracle of the protocols: SHA-256 over a one-byte domain tag followed by
    /// length-unambiguous fields (fixed-size values, or explicit lengths where sizes vary).
    /// </summary>
    /// <remarks>Security: the hasher wipes its buffers on <see cref="Finish"/>; callers wipe outputs that are secret.</remarks>
    internal sealed class Ro
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _small = new byte[4];

        /// <summary>Starts a hash in domain <paramref name="tag"/> (one of <see cref="Tags"/>).</summary>
        public Ro(byte tag)
        {
            _small[0] = tag;
            _sha.Update(_small, 0, 1);
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public Ro Add(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
            return this;
        }

        /// <summary>Absorbs all of <paramref name="data"/>.</summary>
        public Ro Add(byte[] data)
        {
            _sha.Update(data, 0, data.Length);
            return this;
        }

        /// <summary>Absorbs a 32-bit big-endian integer.</summary>
        public Ro AddInt(int value)
        {
            _small[0] = (byte)(value >> 24);
            _small[1] = (byte)(value >> 16);
            _small[2] = (byte)(value >> 8);
            _small[3] = (byte)value;
            _sha.Update(_small, 0, 4);
            return this;
        }

        /// <summary>Absorbs the 32-byte encoding of <paramref name="s"/>.</summary>
        public Ro Add(Scalar s)
        {
            byte[] b = new byte[Params.ScalarBytes];
            s.WriteTo(b, 0);
            _sha.Update(b, 0, b.Length);
            Wipe.Bytes(b);
            return this;
        }

        /// <summary>Absorbs the 33-byte compressed encoding of <paramref name="p"/>.</summary>
        public Ro Add(Point p)
        {
            byte[] b = new byte[Params.PointBytes];
            p.WriteTo(b, 0);
            _sha.Update(b, 0, b.Length);
            return this;
        }

        /// <summary>Writes the 32-byte digest to <paramref name="output"/> at <paramref name="offset"/>.</summary>
        public void Finish(byte[] output, int offset)
        {
            _sha.Final(output, offset);
        }

        /// <summary>Returns the 32-byte digest.</summary>
        public byte[] Finish()
        {
            byte[] output = new byte[Params.HashBytes];
            _sha.Final(output, 0);
            return output;
        }

        /// <summary>Returns the digest reduced modulo the group order (bias below 2^-127).</summary>
        public Scalar FinishScalar()
        {
            byte[] output = Finish();
            Scalar s = Scalar.FromBytesReduced(output, 0);
            Wipe.Bytes(output);
            return s;
        }
    }
}
