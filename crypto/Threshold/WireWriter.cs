namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Sequential writer into a pre-sized message buffer (see <see cref="Wire.Begin"/>).</summary>
    internal sealed class WireWriter
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        /// <summary>Wraps <paramref name="buffer"/>, writing from <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
        public WireWriter(byte[] buffer, int start, int end)
        {
            _buffer = buffer;
            _position = start;
            _end = end;
        }

        /// <summary>The buffer the message is written into (offsets are into it).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset of the next byte to be written.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>Copies <paramref name="count"/> bytes of <paramref name="source"/> from <paramref name="offset"/>.</summary>
        public void Write(byte[] source, int offset, int count)
        {
            System.Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
        }

        /// <summary>Copies all of <paramref name="source"/>.</summary>
        public void Write(byte[] source)
        {
            Write(source, 0, source.Length);
        }

        /// <summary>Reserves <paramref name="count"/> bytes (filled later in place) and returns their offset.</summary>
        public int Skip(int count)
        {
            int start = _position;
            _position += count;
            return start;
        }

        /// <summary>Returns the buffer after checking that the message is completely filled.</summary>
        public byte[] Finish()
        {
            if (_position != _end)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            return _buffer;
        }
    }
}
