namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The random oracle of the protocols: SHA-256 over a one-byte domain tag followed by
    /// length-unambiguous fields (fixed-size values, or explicit lengths where sizes vary).
    /// </summary>
    /// <remarks>
    /// Two ways to hash, the same digest: streamed through the managed <see cref="Sha256"/>, or, started with an
    /// <see cref="IArithmeticBackend"/>, gathered into a buffer and hashed in one backend call on <see cref="Finish()"/>
    /// (on the card, the native module: for the short inputs of the protocol rounds' commitments and ids).
    /// Security: the hasher wipes its buffers on <see cref="Finish()"/>; callers wipe outputs that are secret.
    /// </remarks>
    internal sealed class Ro
    {
        private const int GatherCapacity = 128;

        private readonly Sha256 _sha;
        private readonly IArithmeticBackend _backend;
        private readonly byte[] _small = new byte[4];
        private byte[] _gathered;
        private int _length;

        /// <summary>Starts a hash in domain <paramref name="tag"/> (one of <see cref="Tags"/>), streamed through the managed SHA-256.</summary>
        public Ro(byte tag)
        {
            _sha = new Sha256();
            _small[0] = tag;
            Absorb(_small, 0, 1);
        }

        /// <summary>Starts a hash in domain <paramref name="tag"/> that <see cref="Finish()"/> computes in one call on <paramref name="backend"/>.</summary>
        public Ro(IArithmeticBackend backend, byte tag)
        {
            _backend = backend;
            _gathered = new byte[GatherCapacity];
            _small[0] = tag;
            Absorb(_small, 0, 1);
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public Ro Add(byte[] data, int offset, int count)
        {
            Absorb(data, offset, count);
            return this;
        }

        /// <summary>Absorbs all of <paramref name="data"/>.</summary>
        public Ro Add(byte[] data)
        {
            Absorb(data, 0, data.Length);
            return this;
        }

        /// <summary>Absorbs a 32-bit big-endian integer.</summary>
        public Ro AddInt(int value)
        {
            _small[0] = (byte)(value >> 24);
            _small[1] = (byte)(value >> 16);
            _small[2] = (byte)(value >> 8);
            _small[3] = (byte)value;
            Absorb(_small, 0, 4);
            return this;
        }

        /// <summary>Absorbs the 32-byte encoding of <paramref name="s"/>.</summary>
        public Ro Add(Scalar s)
        {
            byte[] b = new byte[Params.ScalarBytes];
            s.WriteTo(b, 0);
            Absorb(b, 0, b.Length);
            Wipe.Bytes(b);
            return this;
        }

        /// <summary>Absorbs the 33-byte compressed encoding of <paramref name="p"/>.</summary>
        public Ro Add(Point p)
        {
            byte[] b = new byte[Params.PointBytes];
            p.WriteTo(b, 0);
            Absorb(b, 0, b.Length);
            return this;
        }

        /// <summary>Writes the 32-byte digest to <paramref name="output"/> at <paramref name="offset"/>.</summary>
        public void Finish(byte[] output, int offset)
        {
            if (_backend == null)
            {
                _sha.Final(output, offset);
                return;
            }

            _backend.Sha256(_gathered, 0, _length, output, offset);
            Wipe.Bytes(_gathered);
            _length = 0;
        }

        /// <summary>Returns the 32-byte digest.</summary>
        public byte[] Finish()
        {
            byte[] output = new byte[Params.HashBytes];
            Finish(output, 0);
            return output;
        }

        // Streams into the managed hash, or appends to the gathered input (doubling the buffer, the old one wiped).
        private void Absorb(byte[] data, int offset, int count)
        {
            if (_backend == null)
            {
                _sha.Update(data, offset, count);
                return;
            }

            BackendArguments.Range(data, offset, count);
            if (_length + count > _gathered.Length)
            {
                int size = _gathered.Length;
                while (size < _length + count)
                {
                    size *= 2;
                }

                byte[] larger = new byte[size];
                System.Array.Copy(_gathered, 0, larger, 0, _length);
                Wipe.Bytes(_gathered);
                _gathered = larger;
            }

            System.Array.Copy(data, offset, _gathered, _length, count);
            _length += count;
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
