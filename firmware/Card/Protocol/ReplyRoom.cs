using CardFirmware.Crypto;

namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// Room for one reply payload where the channel will encrypt it: the session lends the send buffer's region after
    /// the reply header for the length of one dispatch (the sender is idle then), a handler with a large reply (a
    /// signing round-2 message, 40 KB) writes it there and returns <see cref="Buffer"/> from <see cref="Commit"/>,
    /// and the session sends it without copying. The card's heap then never holds the message twice.
    /// </summary>
    /// <remarks>
    /// Without a lender (a handler called directly, the tests' rigs) <see cref="Take"/> answers false and the handler
    /// returns its reply as its own array. Security: what a handler wrote and did not commit (an aborted round) is
    /// wiped by <see cref="Return"/>.
    /// </remarks>
    public sealed class ReplyRoom
    {
        private byte[] _buffer;
        private int _offset;
        private int _capacity;
        private int _length;
        private bool _taken;

        /// <summary>The lent buffer (null when nothing is lent).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Where the payload starts in <see cref="Buffer"/>.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        /// <summary>Most payload bytes the room takes.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Payload bytes committed (valid when a handler returned <see cref="Buffer"/>).</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Lends <paramref name="capacity"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/> until <see cref="Return"/>.</summary>
        public void Lend(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _offset = offset;
            _capacity = capacity;
            _length = 0;
            _taken = false;
        }

        /// <summary>True (and the room is the caller's to write) when a buffer is lent and no one took it yet.</summary>
        public bool Take()
        {
            if (_buffer == null || _taken)
            {
                return false;
            }

            _taken = true;
            return true;
        }

        /// <summary>Records that <paramref name="length"/> payload bytes were written and returns <see cref="Buffer"/>, the handler's reply.</summary>
        public byte[] Commit(int length)
        {
            _length = length;
            return _buffer;
        }

        /// <summary>
        /// Ends the loan. Unless <paramref name="sent"/>, wipes what a handler may have written (a round that aborted
        /// after writing part of its message).
        /// </summary>
        public void Return(bool sent)
        {
            if (_taken && !sent)
            {
                Wipe.Range(_buffer, _offset, _capacity);
            }

            _buffer = null;
            _length = 0;
            _taken = false;
        }
    }
}
