namespace CardFirmware.Crypto
{
    /// <summary>
    /// Big- and little-endian word packing over byte[] (nanoFramework's BinaryPrimitives takes
    /// SpanByte, which desktop .NET lacks, so the primitives use these loops instead).
    /// Callers check ranges first; these helpers do not.
    /// </summary>
    internal static class ByteOrder
    {
        internal static uint ReadUInt32BigEndian(byte[] source, int offset)
        {
            return ((uint)source[offset] << 24) | ((uint)source[offset + 1] << 16) | ((uint)source[offset + 2] << 8) | source[offset + 3];
        }

        internal static uint ReadUInt32LittleEndian(byte[] source, int offset)
        {
            return source[offset] | ((uint)source[offset + 1] << 8) | ((uint)source[offset + 2] << 16) | ((uint)source[offset + 3] << 24);
        }

        internal static ulong ReadUInt64BigEndian(byte[] source, int offset)
        {
            return ((ulong)ReadUInt32BigEndian(source, offset) << 32) | ReadUInt32BigEndian(source, offset + 4);
        }

        internal static void WriteUInt32BigEndian(uint value, byte[] destination, int offset)
        {
            destination[offset] = (byte)(value >> 24);
            destination[offset + 1] = (byte)(value >> 16);
            destination[offset + 2] = (byte)(value >> 8);
            destination[offset + 3] = (byte)value;
        }

        internal static void WriteUInt32LittleEndian(uint value, byte[] destination, int offset)
        {
            destination[offset] = (byte)value;
            destination[offset + 1] = (byte)(value >> 8);
            destination[offset + 2] = (byte)(value >> 16);
            destination[offset + 3] = (byte)(value >> 24);
        }

        internal static void WriteUInt64BigEndian(ulong value, byte[] destination, int offset)
        {
            WriteUInt32BigEndian((uint)(value >> 32), destination, offset);
            WriteUInt32BigEndian((uint)value, destination, offset + 4);
        }
    }
}
