namespace CardFirmware.Storage
{
    /// <summary>
    /// The on-flash layout of the record log. All integers little-endian.
    ///
    /// The partition is split into two equal areas. Each area starts with a 16-byte area header:
    /// <code>
    ///   0..3   magic "CFLG" (0x43 0x46 0x4C 0x47)
    ///   4      layout version (1)
    ///   5..7   0x00
    ///   8..11  sequence number (uint32; the area with the newer sequence is the live one)
    ///   12..15 CRC-32 of bytes 0..11
    /// </code>
    /// The header is the last thing written into an area, so an area is valid only once every
    /// record in it is in place (compaction commits by writing it).
    ///
    /// Records follow back to back from offset 16:
    /// <code>
    ///   0      record magic 0xA7 (never 0xFF, so a programmed header is never blank)
    ///   1      kind: 1 = value, 2 = tombstone (length 0)
    ///   2..3   key (uint16)
    ///   4..7   value length (uint32, at most RecordLog.MaxValueLength)
    ///   8..11  CRC-32 of bytes 0..7 (header check: tells where the record ends)
    ///   12..   value bytes
    ///   then   CRC-32 of the 12 header bytes and the value
    ///   then   commit marker 0x5A 0xA5 0x3C 0xC3, written by a separate, last write
    /// </code>
    /// A record counts only if both checks pass and the commit marker is complete.
    /// </summary>
    internal static class RecordFormat
    {
        internal const int AreaHeaderSize = 16;
        internal const byte LayoutVersion = 1;
        internal const int RecordHeaderSize = 12;
        internal const int TrailerSize = 8;
        internal const int RecordOverhead = RecordHeaderSize + TrailerSize;
        internal const byte RecordMagic = 0xA7;
        internal const byte KindValue = 1;
        internal const byte KindTombstone = 2;

        private static readonly byte[] AreaMagic = new byte[] { 0x43, 0x46, 0x4C, 0x47 };
        private static readonly byte[] CommitMarker = new byte[] { 0x5A, 0xA5, 0x3C, 0xC3 };

        /// <summary>Fills a 16-byte area header for <paramref name="sequence"/>.</summary>
        internal static void EncodeAreaHeader(byte[] header, uint sequence)
        {
            for (int i = 0; i < 4; i++)
            {
                header[i] = AreaMagic[i];
            }

            header[4] = LayoutVersion;
            header[5] = 0;
            header[6] = 0;
            header[7] = 0;
            LittleEndian.PutUInt32(header, 8, sequence);
            LittleEndian.PutUInt32(header, 12, Crc32.Compute(header, 0, 12));
        }

        /// <summary>True if the 16 bytes are a complete area header of this layout version.</summary>
        internal static bool IsValidAreaHeader(byte[] header)
        {
            for (int i = 0; i < 4; i++)
            {
                if (header[i] != AreaMagic[i])
                {
                    return false;
                }
            }

            return header[4] == LayoutVersion
                && LittleEndian.GetUInt32(header, 12) == Crc32.Compute(header, 0, 12);
        }

        /// <summary>The sequence number of a valid area header.</summary>
        internal static uint AreaSequence(byte[] header)
        {
            return LittleEndian.GetUInt32(header, 8);
        }

        /// <summary>Fills a 12-byte record header.</summary>
        internal static void EncodeRecordHeader(byte[] header, byte kind, int key, int length)
        {
            header[0] = RecordMagic;
            header[1] = kind;
            LittleEndian.PutUInt16(header, 2, key);
            LittleEndian.PutUInt32(header, 4, (uint)length);
            LittleEndian.PutUInt32(header, 8, Crc32.Compute(header, 0, 8));
        }

        /// <summary>True if every one of the first <paramref name="count"/> bytes is 0xFF (never programmed).</summary>
        internal static bool IsBlank(byte[] buffer, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True if the header check of a 12-byte record header passes.</summary>
        internal static bool HeaderCheckPasses(byte[] header)
        {
            return LittleEndian.GetUInt32(header, 8) == Crc32.Compute(header, 0, 8);
        }

        /// <summary>Writes the commit marker into <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        internal static void PutCommitMarker(byte[] buffer, int offset)
        {
            for (int i = 0; i < 4; i++)
            {
                buffer[offset + i] = CommitMarker[i];
            }
        }

        /// <summary>
        /// True if the 4 bytes at <paramref name="offset"/> are what a cut write of the commit
        /// marker over erased flash can leave: programming only clears bits, so every bit set in
        /// the marker is still set. A bit the marker keeps set but found cleared means a change
        /// after the write (damage), not a cut.
        /// </summary>
        internal static bool CouldBeTornCommitMarker(byte[] buffer, int offset)
        {
            for (int i = 0; i < 4; i++)
            {
                if ((buffer[offset + i] & CommitMarker[i]) != CommitMarker[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True if the 4 bytes at <paramref name="offset"/> are the complete commit marker.</summary>
        internal static bool IsCommitMarker(byte[] buffer, int offset)
        {
            for (int i = 0; i < 4; i++)
            {
                if (buffer[offset + i] != CommitMarker[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
