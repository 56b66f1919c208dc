namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// Reads a message's fields in order from <c>count</c> bytes of a buffer; a field past the end, or bytes left
    /// over at <see cref="End"/>, is <see cref="MessageError.WrongLength"/>.
    /// </summary>
    public sealed class MessageReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _at;

        /// <summary>A reader over <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public MessageReader(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            _buffer = buffer;
            _at = offset;
            _end = offset + count;
        }

        /// <summary>Bytes not yet read.</summary>
        public int Remaining
        {
            get { return _end - _at; }
        }

        /// <summary>The next byte.</summary>
        public byte Byte()
        {
            Need(1);
            return _buffer[_at++];
        }

        /// <summary>The next two bytes, big-endian.</summary>
        public int UInt16()
        {
            Need(2);
            int value = (_buffer[_at] << 8) | _buffer[_at + 1];
            _at += 2;
            return value;
        }

        /// <summary>A copy of the next <paramref name="length"/> bytes.</summary>
        public byte[] Bytes(int length)
        {
            Need(length);
            byte[] field = new byte[length];
            System.Array.Copy(_buffer, _at, field, 0, length);
            _at += length;
            return field;
        }

        /// <summary>Checks that every byte was read.</summary>
        public void End()
        {
            if (_at != _end)
            {
                throw new MessageException(MessageError.WrongLength);
            }
        }

        private void Need(int length)
        {
            if (length < 0 || _end - _at < length)
            {
                throw new MessageException(MessageError.WrongLength);
            }
        }
    }
}
