namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// ECDSA over secp256k1 (SEC 1 v2 section 4.1) with RFC 6979 deterministic nonces (HMAC-SHA256)
    /// and low-S normalisation (BIP-62/BIP-146), written against <see cref="ISecp256k1Backend"/>.
    /// </summary>
    /// <remarks>
    /// Formats: private keys are 32 bytes big endian in [1, n-1]; message hashes are given already
    /// hashed (any length from 1 to 64 bytes; bits2int keeps the leftmost 256 bits); compact
    /// signatures are r || s, 32 bytes each, big endian; public keys are SEC 1 (33 or 65 bytes).
    /// Security: signing is constant time in the key and the nonce (backend operations without
    /// "Vartime"); every secret intermediate is wiped in a finally block. Verification only uses
    /// public data.
    /// </remarks>
    public sealed class Ecdsa
    {
        private static readonly byte[] HalfOrder =
        {
            0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
        };

        private readonly ISecp256k1Backend _backend;

        /// <summary>Creates an ECDSA engine over <paramref name="backend"/>.</summary>
        public Ecdsa(ISecp256k1Backend backend)
        {
            if (backend == null)
            {
                throw new CryptoException(CryptoError.NullBuffer, "Backend is null.");
            }

            _backend = backend;
        }

        /// <summary>An engine over the managed backend.</summary>
        public static Ecdsa Managed
        {
            get { return new Ecdsa(ManagedSecp256k1Backend.Instance); }
        }

        /// <summary>The compressed public key (33 bytes) of a private key. Throws InvalidKey for 0 or &gt;= n.</summary>
        public byte[] PublicKey(byte[] privateKey)
        {
            CheckPrivateKey(_backend, privateKey);
            byte[] result = new byte[33];
            _backend.BaseMul(privateKey, result);
            return result;
        }

        /// <summary>
        /// Signs a 32-byte message hash; returns the 64-byte compact low-S signature.
        /// <paramref name="extraEntropy"/> (32 bytes or null) is mixed into the RFC 6979 seed.
        /// </summary>
        public byte[] Sign(byte[] privateKey, byte[] hash, byte[] extraEntropy)
        {
            int unused;
            return SignWithRecovery(privateKey, hash, extraEntropy, out unused);
        }

        /// <summary>
        /// As <see cref="Sign"/>, and returns the recovery id (bit 0: parity of R.y after low-S
        /// normalisation, bit 1: R.x was at or above n).
        /// </summary>
        public byte[] SignWithRecovery(byte[] privateKey, byte[] hash, byte[] extraEntropy, out int recoveryId)
        {
            CheckPrivateKey(_backend, privateKey);
            if (hash == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (hash.Length != 32 || (extraEntropy != null && extraEntropy.Length != 32))
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] z = new byte[32];
            byte[] nonce = new byte[32];
            byte[] point = new byte[33];
            byte[] kInverse = new byte[32];
            byte[] t = new byte[32];
            byte[] signature = new byte[64];
            byte[] r = new byte[32];
            byte[] s = new byte[32];
            _backend.ScalarReduce(hash, z);
            Rfc6979 generator = new Rfc6979(privateKey, z, extraEntropy);
            try
            {
                while (true)
                {
                    generator.Next(nonce);
                    _backend.BaseMul(nonce, point);
                    System.Array.Copy(point, 1, t, 0, 32);
                    bool overflow = _backend.ScalarReduce(t, r);
                    _backend.ScalarInvert(nonce, kInverse);
                    _backend.ScalarMul(r, privateKey, t);
                    _backend.ScalarAdd(t, z, t);
                    _backend.ScalarMul(kInverse, t, s);
                    if (IsZero(r) || IsZero(s))
                    {
                        continue;
                    }

                    recoveryId = (point[0] & 1) | (overflow ? 2 : 0);

                    // Low S: s and n - s both verify; keep the smaller (s is public from here on).
                    if (IsHigh(s))
                    {
                        _backend.ScalarNegate(s, s);
                        recoveryId ^= 1;
                    }

                    System.Array.Copy(r, 0, signature, 0, 32);
                    System.Array.Copy(s, 0, signature, 32, 32);
                    return signature;
                }
            }
            finally
            {
                generator.Dispose();
                Wipe.Bytes(nonce);
                Wipe.Bytes(kInverse);
                Wipe.Bytes(t);
                Wipe.Bytes(point);
            }
        }

        /// <summary>
        /// Verifies a 64-byte compact signature on a hash (1..64 bytes). With
        /// <paramref name="requireLowS"/> a signature whose s exceeds n/2 is refused (Bitcoin policy).
        /// Returns false for any invalid signature; throws only for a malformed public key or null input.
        /// </summary>
        public bool Verify(byte[] publicKey, byte[] hash, byte[] compactSignature, bool requireLowS)
        {
            if (publicKey == null || hash == null || compactSignature == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (hash.Length < 1 || hash.Length > 64)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            if (compactSignature.Length != 64)
            {
                return false;
            }

            // Validate (and decompress) the key once, up front; the uncompressed form is cheap to re-read.
            byte[] q = new byte[65];
            _backend.ReencodePoint(publicKey, false, q);

            byte[] r = new byte[32];
            byte[] s = new byte[32];
            System.Array.Copy(compactSignature, 0, r, 0, 32);
            System.Array.Copy(compactSignature, 32, s, 0, 32);
            byte[] scratch = new byte[32];
            if (_backend.ScalarReduce(r, scratch) || _backend.ScalarReduce(s, scratch) || IsZero(r) || IsZero(s))
            {
                return false;
            }

            if (requireLowS && IsHigh(s))
            {
                return false;
            }

            byte[] z = new byte[32];
            Bits2Int(hash, scratch);
            _backend.ScalarReduce(scratch, z);
            byte[] w = new byte[32];
            byte[] u1 = new byte[32];
            byte[] u2 = new byte[32];
            _backend.ScalarInvertVartime(s, w);
            _backend.ScalarMul(z, w, u1);
            _backend.ScalarMul(r, w, u2);
            byte[] point = new byte[33];
            if (!_backend.MultiMulVartime(u1, u2, q, point))
            {
                return false;
            }

            System.Array.Copy(point, 1, scratch, 0, 32);
            _backend.ScalarReduce(scratch, z);
            return ConstantTime.AreEqual(z, 0, r, 0, 32);
        }

        /// <summary>Verifies a strict-DER signature (see <see cref="DerSignature"/>); malformed DER is false.</summary>
        public bool VerifyDer(byte[] publicKey, byte[] hash, byte[] derSignature, bool requireLowS)
        {
            if (derSignature == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            byte[] compact = new byte[64];
            if (!DerSignature.TryParse(derSignature, compact))
            {
                return false;
            }

            return Verify(publicKey, hash, compact, requireLowS);
        }

        /// <summary>True when the 32-byte big-endian s exceeds n/2. s is public (a signature half).</summary>
        public static bool IsHigh(byte[] s)
        {
            for (int i = 0; i < 32; i++)
            {
                if (s[i] != HalfOrder[i])
                {
                    return s[i] > HalfOrder[i];
                }
            }

            return false;
        }

        /// <summary>Leftmost 256 bits of a hash as 32 bytes (SEC 1 4.1.3 step 5 / RFC 6979 bits2int).</summary>
        private static void Bits2Int(byte[] hash, byte[] result)
        {
            System.Array.Clear(result, 0, 32);
            if (hash.Length >= 32)
            {
                System.Array.Copy(hash, 0, result, 0, 32);
            }
            else
            {
                System.Array.Copy(hash, 0, result, 32 - hash.Length, hash.Length);
            }
        }

        private static bool IsZero(byte[] x)
        {
            int acc = 0;
            for (int i = 0; i < x.Length; i++)
            {
                acc |= x[i];
            }

            return acc == 0;
        }

        /// <summary>Throws InvalidKey unless the key is 32 bytes in [1, n-1].</summary>
        internal static void CheckPrivateKey(ISecp256k1Backend backend, byte[] privateKey)
        {
            if (privateKey == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (privateKey.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] reduced = new byte[32];
            bool overflow = backend.ScalarReduce(privateKey, reduced);
            bool zero = IsZero(reduced);
            Wipe.Bytes(reduced);
            if (overflow | zero)
            {
                throw new CryptoException(CryptoError.InvalidKey);
            }
        }
    }
}
