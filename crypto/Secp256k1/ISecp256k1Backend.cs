namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// The hot operations of the secp256k1 protocols (ECDSA, BIP-340, ECDH, BIP-32, and later the
    /// threshold schemes), at a level a native module (libsecp256k1 or mbedTLS in C) can implement
    /// directly. Protocol code talks only to this interface, so a native backend can replace the
    /// managed one without touching it.
    /// </summary>
    /// <remarks>
    /// Conventions for every member:
    /// <list type="bullet">
    /// <item>Scalars are 32-byte big-endian integers that must be below n (else
    /// <see cref="CryptoError.InvalidEncoding"/>); scalar results are written the same way.</item>
    /// <item>Points are read as SEC 1 compressed (33) or uncompressed (65) bytes and fully validated
    /// (see <c>PointEncoding</c>); point results are written as 33-byte compressed encodings.
    /// A result at infinity cannot be encoded: the member throws
    /// <see cref="CryptoError.InvalidPoint"/> (or returns false where documented).</item>
    /// <item>Output buffers are caller-owned and exactly sized; they may not alias inputs.</item>
    /// </list>
    /// Security: members without <c>Vartime</c> in their name are constant time in their scalar
    /// inputs; <c>Vartime</c> members may only be given public data.
    /// </remarks>
    public interface ISecp256k1Backend
    {
        /// <summary>
        /// result = x mod n for any 32-byte big-endian x (hash-to-scalar, x-coordinate to r).
        /// Returns true when x was at or above n. Security: constant time.
        /// </summary>
        bool ScalarReduce(byte[] x, byte[] result);

        /// <summary>result = (a + b) mod n.</summary>
        void ScalarAdd(byte[] a, byte[] b, byte[] result);

        /// <summary>result = (a * b) mod n.</summary>
        void ScalarMul(byte[] a, byte[] b, byte[] result);

        /// <summary>result = -a mod n.</summary>
        void ScalarNegate(byte[] a, byte[] result);

        /// <summary>result = 1/a mod n; a = 0 throws <see cref="CryptoError.ZeroScalar"/>.</summary>
        void ScalarInvert(byte[] a, byte[] result);

        /// <summary>result = 1/a mod n for a PUBLIC a (a signature's s); a = 0 throws <see cref="CryptoError.ZeroScalar"/>.</summary>
        void ScalarInvertVartime(byte[] a, byte[] result);

        /// <summary>
        /// result (33 bytes) = k * G; k = 0 throws <see cref="CryptoError.ZeroScalar"/>.
        /// Security: constant time in k.
        /// </summary>
        void BaseMul(byte[] k, byte[] result);

        /// <summary>
        /// result (33 bytes) = k * P; k = 0 throws <see cref="CryptoError.ZeroScalar"/>.
        /// Security: constant time in k (P is treated as public).
        /// </summary>
        void PointMul(byte[] k, byte[] point, byte[] result);

        /// <summary>
        /// result (33 bytes) = P + Q, P = Q and P = −Q included; infinity throws <see cref="CryptoError.InvalidPoint"/>.
        /// Security: constant time in the points (a complete addition formula); only the infinity outcome shows.
        /// </summary>
        void PointAdd(byte[] p, byte[] q, byte[] result);

        /// <summary>
        /// result (33 bytes) = a * G + b * P for public a, b and P (verification). Returns false, leaving
        /// result zeroed, when the sum is infinity.
        /// </summary>
        bool MultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result);

        /// <summary>
        /// Validates a 33- or 65-byte SEC 1 point and writes it in the requested form (33 bytes when
        /// <paramref name="compressed"/>, else 65).
        /// </summary>
        void ReencodePoint(byte[] point, bool compressed, byte[] result);

        /// <summary>
        /// BIP-340 lift_x: result (33 bytes) = the point with x = <paramref name="x"/> (32 bytes) and even y.
        /// </summary>
        void LiftX(byte[] x, byte[] result);
    }
}
