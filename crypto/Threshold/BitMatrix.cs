namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Transposes the OT-extension matrix between column form (OtWidth columns of ColumnBytes, bit j
    /// of a column = bit j&amp;7 of byte j/8) and row form (ExtendedBatch rows of RowBytes).
    /// </summary>
    /// <remarks>Security: the loop structure depends only on the public dimensions.</remarks>
    internal static class BitMatrix
    {
        /// <summary>rows[j·RowBytes ..] receives bit j of every column; <paramref name="rows"/> is overwritten.</summary>
        public static void ColumnsToRows(byte[] columns, byte[] rows)
        {
            System.Array.Clear(rows, 0, rows.Length);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                int colOffset = k * Params.ColumnBytes;
                int rowByte = k >> 3;
                int rowBit = k & 7;
                for (int jb = 0; jb < Params.ColumnBytes; jb++)
                {
                    int v = columns[colOffset + jb];
                    int rowBase = (jb * 8 * Params.RowBytes) + rowByte;
                    for (int bit = 0; bit < 8; bit++)
                    {
                        rows[rowBase + (bit * Params.RowBytes)] |= (byte)(((v >> bit) & 1) << rowBit);
                    }
                }
            }
        }

        /// <summary>
        /// Writes row <paramref name="j"/> (bit k = bit j of column k) into <paramref name="row"/> (RowBytes)
        /// from OtWidth columns of <paramref name="columnBytes"/> bytes each, stored one after another.
        /// </summary>
        public static void ReadRow(byte[] columns, int columnBytes, int j, byte[] row)
        {
            for (int b = 0; b < Params.RowBytes; b++)
            {
                int v = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    int k = (b * 8) + bit;
                    v |= Bit(columns, (k * columnBytes * 8) + j) << bit;
                }

                row[b] = (byte)v;
            }
        }

        /// <summary>Returns bit <paramref name="index"/> (0 or 1) of a little-endian bit string.</summary>
        public static int Bit(byte[] bits, int index)
        {
            return (bits[index >> 3] >> (index & 7)) & 1;
        }
    }
}
