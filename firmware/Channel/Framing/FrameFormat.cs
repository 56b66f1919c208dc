namespace CardFirmware.Channel.Framing
{
    /// <summary>
    /// The framing wire format (see firmware/Channel/README.md for the table). Every BLE packet
    /// (one ATT write or notification value, at most ATT MTU - 3 bytes) starts with one header byte:
    /// <code>
    /// start packet:        1 | message id (7 bits) | total length (2 bytes, big-endian) | first bytes
    /// continuation packet: 0 | fragment index (7 bits)                                  | next bytes
    /// </code>
    /// Fragment indexes count 1, 2, ... 127, 0, 1, ... within a message; message ids count
    /// 0, 1, ... 127, 0, ... within a connection. Messages are never interleaved in one direction.
    /// </summary>
    public static class FrameFormat
    {
        /// <summary>Bit 7 of the header byte: set on the first packet of a message.</summary>
        public const byte StartFlag = 0x80;

        /// <summary>Mask of the 7-bit message id or fragment index in the header byte.</summary>
        public const byte SequenceMask = 0x7F;

        /// <summary>Header bytes of a start packet (flag and id, then the 16-bit total length).</summary>
        public const int StartHeaderSize = 3;

        /// <summary>Header bytes of a continuation packet.</summary>
        public const int ContinuationHeaderSize = 1;

        /// <summary>Bytes of the ATT header (opcode and handle) that the MTU includes but a value cannot use.</summary>
        public const int AttOverhead = 3;

        /// <summary>The smallest ATT MTU (Bluetooth Core 5.x, Vol 3, Part F, 3.2.8: ATT_MTU default 23).</summary>
        public const int MinAttMtu = 23;

        /// <summary>The largest ATT MTU that carries a whole attribute value (512 + 3, rounded to 517 by common stacks).</summary>
        public const int MaxAttMtu = 517;

        /// <summary>The largest message the 16-bit length field can describe.</summary>
        public const int MaxMessageLimit = 65535;

        /// <summary>
        /// The largest message card and phone exchange by default (framed, encrypted): the biggest
        /// is a DKLs23 signing round-2 message, 40,172 bytes (41 of header, the RVOLE answer's 40,000,
        /// the nonce and consistency values), in the card's reply (4-byte reply header) or the phone's
        /// request (5 bytes of command header and round), sealed for the provider in a 2-of-3 run (16
        /// more), plus the transport's 34: 40,227 at most, so 40 KiB (40,960). Both ends size their buffers
        /// to it, and the card holds two (reassembly and send), so every byte counts twice on its heap.
        /// </summary>
        public const int DefaultMaxMessageSize = 40 * 1024;

        /// <summary>The largest packet that can ever be sent or accepted (ATT MTU 517 - 3).</summary>
        public const int MaxPacketSize = MaxAttMtu - AttOverhead;

        /// <summary>
        /// <paramref name="attMtu"/> brought into 23..517. The MTU a radio reports is the outcome
        /// of a negotiation with the phone, i.e. outside input: a value below the ATT default or
        /// above what a value can use must not stop the card, only bound its packets.
        /// </summary>
        public static int ClampAttMtu(int attMtu)
        {
            if (attMtu < MinAttMtu)
            {
                return MinAttMtu;
            }

            return attMtu > MaxAttMtu ? MaxAttMtu : attMtu;
        }

        /// <summary>Packet size for an ATT MTU; throws <see cref="FramingError.InvalidConfiguration"/> outside 23..517.</summary>
        public static int PacketSizeForMtu(int attMtu)
        {
            if (attMtu < MinAttMtu || attMtu > MaxAttMtu)
            {
                throw new FramingException(FramingError.InvalidConfiguration);
            }

            return attMtu - AttOverhead;
        }

        /// <summary>Number of packets a message of <paramref name="length"/> bytes takes at <paramref name="packetSize"/>.</summary>
        public static int PacketCount(int length, int packetSize)
        {
            int first = packetSize - StartHeaderSize;
            if (length <= first)
            {
                return 1;
            }

            int per = packetSize - ContinuationHeaderSize;
            return 1 + (length - first + per - 1) / per;
        }
    }
}
