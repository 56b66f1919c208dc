namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// SEC 1 (v2, section 2.3.3-2.3.4) point encodings: compressed (33 bytes: 0x02/0x03 || x),
    /// uncompressed (65 bytes: 0x04 || x || y), and BIP-340 x-only (32 bytes: x, even y implied).
    /// Coordinates are big endian.
    /// </summary>
    /// <remarks>
    /// Invariants: decoding accepts only canonical input: the length must be 33 or 65 (32 for x-only),
    /// x and y must be below p, the point must be on the curve, and infinity (0x00) and the hybrid
    /// forms (0x06/0x07) are refused. Errors: <see cref="CryptoError.InvalidLength"/> for a bad length,
    /// <see cref="CryptoError.InvalidEncoding"/> for a bad prefix or a coordinate &gt;= p,
    /// <see cref="CryptoError.InvalidPoint"/> for a point off the curve or an x with no y.
    /// Security: encodings are public data; decoding runs in time independent of the coordinate
    /// values except for the public error exits.
    /// </remarks>
    internal static class PointEncoding
    {
        /// <summary>Decodes a 33- or 65-byte SEC 1 point at buffer[offset..offset+length) into r.</summary>
        public static void Decode(byte[] buffer, int offset, int length, AffinePoint r)
        {
            if (buffer == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            if (length != 33 && length != 65)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte prefix = buffer[offset];
            if (length == 33)
            {
                if (prefix != 0x02 && prefix != 0x03)
                {
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }

                LiftX(buffer, offset + 1, (uint)(prefix & 1), r);
                return;
            }

            if (prefix != 0x04)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            uint okX = Field.FromBytes(r.X, buffer, offset + 1);
            uint okY = Field.FromBytes(r.Y, buffer, offset + 33);
            if ((okX & okY) == 0)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            if (!Group.IsOnCurve(r.X, r.Y))
            {
                throw new CryptoException(CryptoError.InvalidPoint);
            }

            r.Infinity = false;
        }

        /// <summary>
        /// Sets r to the point with the 32-byte big-endian x at buffer[offset..] and the y whose parity
        /// is <paramref name="odd"/> (0 or 1). Throws InvalidEncoding for x &gt;= p, InvalidPoint when
        /// x^3 + 7 is not a square.
        /// </summary>
        public static void LiftX(byte[] buffer, int offset, uint odd, AffinePoint r)
        {
            if (Field.FromBytes(r.X, buffer, offset) == 0)
            {
                throw new CryptoException(CryptoError.InvalidEncoding);
            }

            uint[] rhs = new uint[Field.Limbs];
            Field.Sqr(rhs, r.X);
            Field.Mul(rhs, rhs, r.X);
            Field.Add(rhs, rhs, Field.FromInt(7));
            if (Field.Sqrt(r.Y, rhs) == 0)
            {
                throw new CryptoException(CryptoError.InvalidPoint);
            }

            Field.Normalize(r.Y);
            uint[] negY = new uint[Field.Limbs];
            Field.Negate(negY, r.Y);
            Field.Normalize(negY);
            Field.Select(r.Y, negY, ConstantTime.MaskFromBit(Field.IsOdd(r.Y) ^ odd));
            Field.Normalize(r.X);
            r.Infinity = false;
        }

        /// <summary>Writes the normalised, non-infinity point a as 33 bytes at destination[offset..].</summary>
        public static void EncodeCompressed(AffinePoint a, byte[] destination, int offset)
        {
            destination[offset] = (byte)(0x02 | Field.IsOdd(a.Y));
            Field.ToBytes(a.X, destination, offset + 1);
        }

        /// <summary>Writes the normalised, non-infinity point a as 65 bytes at destination[offset..].</summary>
        public static void EncodeUncompressed(AffinePoint a, byte[] destination, int offset)
        {
            destination[offset] = 0x04;
            Field.ToBytes(a.X, destination, offset + 1);
            Field.ToBytes(a.Y, destination, offset + 33);
        }
    }
}
