using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Sequential reader over a message body whose total length was already checked by
    /// <see cref="Wire.Open"/>; field decoders validate encodings and blame <see cref="Sender"/>.
    /// </summary>
    internal sealed class WireReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        /// <summary>
        /// Wraps the bytes of <paramref name="buffer"/> from <paramref name="start"/> up to (not including)
        /// <paramref name="end"/>; <paramref name="sender"/> is blamed for bad fields.
        /// </summary>
        public WireReader(byte[] buffer, int start, int end, int sender)
        {
            _buffer = buffer;
            _position = start;
            _end = end;
            Sender = sender;
        }

        /// <summary>1-based index of the party that sent the message.</summary>
        public int Sender { get; }

        /// <summary>The buffer holding the message (offsets are into it).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset of the next unread byte.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>Returns the offset of the next <paramref name="count"/> bytes and moves past them.</summary>
        public int Take(int count)
        {
            if (count < 0 || count > _end - _position)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, Sender);
            }

            int start = _position;
            _position += count;
            return start;
        }

        /// <summary>Copies the next <paramref name="count"/> bytes into a new array.</summary>
        public byte[] ReadBytes(int count)
        {
            int start = Take(count);
            byte[] result = new byte[count];
            System.Array.Copy(_buffer, start, result, 0, count);
            return result;
        }

        /// <summary>Reads a 32-byte big-endian scalar, rejecting values not below the group order.</summary>
        public Scalar ReadScalar()
        {
            int start = Take(Params.ScalarBytes);
            Scalar s = Scalar.FromBytesStrict(_buffer, start);
            if (s == null)
            {
                throw new ThresholdException(ThresholdError.InvalidScalar, Sender);
            }

            return s;
        }

        /// <summary>Reads a 33-byte compressed point, rejecting invalid encodings and infinity.</summary>
        public Point ReadPoint(ISecp256k1Backend backend)
        {
            int start = Take(Params.PointBytes);
            Point p = Point.Decode(backend, _buffer, start);
            if (p == null)
            {
                throw new ThresholdException(ThresholdError.InvalidPoint, Sender);
            }

            return p;
        }

        /// <summary>Checks that the whole body was consumed.</summary>
        public void End()
        {
            if (_position != _end)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, Sender);
            }
        }
    }
}
