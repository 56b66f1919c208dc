namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// BIP-340 Schnorr signatures: x-only 32-byte public keys, 64-byte signatures R.x || s, messages
    /// of any length, tagged hashes "BIP0340/aux", "BIP0340/nonce", "BIP0340/challenge".
    /// Written against <see cref="ISecp256k1Backend"/>.
    /// </summary>
    /// <remarks>
    /// Security: signing is constant time in the secret key and nonce (negations by mask, backend
    /// operations without "Vartime"); every secret intermediate is wiped. The 32-byte auxiliary
    /// randomness should be fresh (BIP-340 "Default Signing" step 2); all zeros is allowed and
    /// gives deterministic signatures.
    /// </remarks>
    public sealed class Schnorr
    {
        private static readonly byte[] AuxTag = TaggedHash.Prefix("BIP0340/aux");
        private static readonly byte[] NonceTag = TaggedHash.Prefix("BIP0340/nonce");
        private static readonly byte[] ChallengeTag = TaggedHash.Prefix("BIP0340/challenge");

        private readonly ISecp256k1Backend _backend;

        /// <summary>Creates a BIP-340 engine over <paramref name="backend"/>.</summary>
        public Schnorr(ISecp256k1Backend backend)
        {
            if (backend == null)
            {
                throw new CryptoException(CryptoError.NullBuffer, "Backend is null.");
            }

            _backend = backend;
        }

        /// <summary>The x-only public key (32 bytes) of a secret key in [1, n-1].</summary>
        public byte[] PublicKey(byte[] secretKey)
        {
            Ecdsa.CheckPrivateKey(_backend, secretKey);
            byte[] point = new byte[33];
            _backend.BaseMul(secretKey, point);
            byte[] x = new byte[32];
            System.Array.Copy(point, 1, x, 0, 32);
            return x;
        }

        /// <summary>Signs <paramref name="message"/> (any length) with a 32-byte secret key and 32-byte aux randomness.</summary>
        public byte[] Sign(byte[] secretKey, byte[] message, byte[] auxRandom)
        {
            Ecdsa.CheckPrivateKey(_backend, secretKey);
            if (message == null || auxRandom == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (auxRandom.Length != 32)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] point = new byte[33];
            byte[] d = new byte[32];
            byte[] negated = new byte[32];
            byte[] t = new byte[32];
            byte[] rand = new byte[32];
            byte[] k = new byte[32];
            byte[] px = new byte[32];
            byte[] rx = new byte[32];
            byte[] e = new byte[32];
            try
            {
                // d = d' if P.y is even, else n - d'.
                _backend.BaseMul(secretKey, point);
                System.Array.Copy(point, 1, px, 0, 32);
                System.Array.Copy(secretKey, 0, d, 0, 32);
                _backend.ScalarNegate(d, negated);
                ConstantTime.ConditionalCopy(ConstantTime.MaskFromBit(point[0]), negated, 0, d, 0, 32);

                // t = d xor hash_aux(a); rand = hash_nonce(t || P.x || m); k' = rand mod n.
                TaggedHash.Compute(AuxTag, auxRandom, null, null, t);
                for (int i = 0; i < 32; i++)
                {
                    t[i] ^= d[i];
                }

                TaggedHash.Compute(NonceTag, t, px, message, rand);
                _backend.ScalarReduce(rand, k);
                if (ConstantTime.IsZero(k, 0, 32))
                {
                    throw new CryptoException(CryptoError.ZeroScalar);
                }

                // R = k' G; k = k' if R.y is even, else n - k'.
                _backend.BaseMul(k, point);
                System.Array.Copy(point, 1, rx, 0, 32);
                _backend.ScalarNegate(k, negated);
                ConstantTime.ConditionalCopy(ConstantTime.MaskFromBit(point[0]), negated, 0, k, 0, 32);

                // e = hash_challenge(R.x || P.x || m) mod n; s = k + e d.
                TaggedHash.Compute(ChallengeTag, rx, px, message, rand);
                _backend.ScalarReduce(rand, e);
                _backend.ScalarMul(e, d, t);
                _backend.ScalarAdd(k, t, t);
                byte[] signature = new byte[64];
                System.Array.Copy(rx, 0, signature, 0, 32);
                System.Array.Copy(t, 0, signature, 32, 32);
                return signature;
            }
            finally
            {
                Wipe.Bytes(d);
                Wipe.Bytes(negated);
                Wipe.Bytes(t);
                Wipe.Bytes(rand);
                Wipe.Bytes(k);
                Wipe.Bytes(point);
            }
        }

        /// <summary>
        /// Verifies a 64-byte signature on a message under a 32-byte x-only key. Returns false for any
        /// invalid input (bad lengths, x not on the curve, r &gt;= p, s &gt;= n, or a failed equation).
        /// </summary>
        public bool Verify(byte[] publicKeyX, byte[] message, byte[] signature)
        {
            if (publicKeyX == null || message == null || signature == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (publicKeyX.Length != 32 || signature.Length != 64)
            {
                return false;
            }

            byte[] p = new byte[33];
            try
            {
                _backend.LiftX(publicKeyX, p);
            }
            catch (CryptoException)
            {
                return false;
            }

            byte[] rx = new byte[32];
            byte[] s = new byte[32];
            System.Array.Copy(signature, 0, rx, 0, 32);
            System.Array.Copy(signature, 32, s, 0, 32);
            byte[] scratch = new byte[32];
            if (!IsFieldElement(rx) || _backend.ScalarReduce(s, scratch))
            {
                return false;
            }

            // R = s G - e P; valid when R is finite, has even y, and R.x = r.
            byte[] e = new byte[32];
            TaggedHash.Compute(ChallengeTag, rx, publicKeyX, message, scratch);
            _backend.ScalarReduce(scratch, e);
            _backend.ScalarNegate(e, e);
            byte[] point = new byte[33];
            if (!_backend.MultiMulVartime(s, e, p, point))
            {
                return false;
            }

            if (point[0] != 0x02)
            {
                return false;
            }

            for (int i = 0; i < 32; i++)
            {
                if (point[1 + i] != rx[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the 32-byte big-endian x is below p.</summary>
        private static bool IsFieldElement(byte[] x)
        {
            return Field.FromBytes(Field.Create(), x, 0) != 0;
        }
    }
}
