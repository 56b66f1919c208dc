namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Sequential writer into a pre-sized message buffer (see <see cref="Wire.Begin"/>).</summary>
    internal sealed class WireWriter
    {
        private readonly byte[] buffer;
        private int position;

        /// <summary>Wraps <paramref name="buffer"/>, writing from <paramref name="start"/>.</summary>
        public WireWriter(byte[] buffer, int start)
        {
            this.buffer = buffer;
            position = start;
        }

        /// <summary>The whole message being written.</summary>
        public byte[] Buffer
        {
            get { return buffer; }
        }

        /// <summary>Offset of the next byte to be written.</summary>
        public int Position
        {
            get { return position; }
        }

        /// <summary>Copies <paramref name="count"/> bytes of <paramref name="source"/> from <paramref name="offset"/>.</summary>
        public void Write(byte[] source, int offset, int count)
        {
            System.Array.Copy(source, offset, buffer, position, count);
            position += count;
        }

        /// <summary>Copies all of <paramref name="source"/>.</summary>
        public void Write(byte[] source)
        {
            Write(source, 0, source.Length);
        }

        /// <summary>Reserves <paramref name="count"/> bytes (filled later in place) and returns their offset.</summary>
        public int Skip(int count)
        {
            int start = position;
            position += count;
            return start;
        }

        /// <summary>Returns the message after checking it is completely filled.</summary>
        public byte[] Finish()
        {
            if (position != buffer.Length)
            {
                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }

            return buffer;
        }
    }
}
