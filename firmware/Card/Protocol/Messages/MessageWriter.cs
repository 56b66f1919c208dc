namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>Writes a message's fields in order into a buffer of the message's length.</summary>
    public sealed class MessageWriter
    {
        private readonly byte[] _buffer;
        private int _at;

        /// <summary>A writer of a <paramref name="length"/>-byte message.</summary>
        public MessageWriter(int length)
        {
            _buffer = new byte[length];
        }

        /// <summary>Appends one byte.</summary>
        public MessageWriter Byte(int value)
        {
            _buffer[_at++] = (byte)value;
            return this;
        }

        /// <summary>Appends two bytes, big-endian.</summary>
        public MessageWriter UInt16(int value)
        {
            _buffer[_at] = (byte)(value >> 8);
            _buffer[_at + 1] = (byte)value;
            _at += 2;
            return this;
        }

        /// <summary>Appends <paramref name="field"/>.</summary>
        public MessageWriter Bytes(byte[] field)
        {
            System.Array.Copy(field, 0, _buffer, _at, field.Length);
            _at += field.Length;
            return this;
        }

        /// <summary>The message; every byte must have been written.</summary>
        public byte[] ToArray()
        {
            if (_at != _buffer.Length)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            return _buffer;
        }
    }
}
