namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// Deterministic ECDSA nonces, RFC 6979 section 3.2 with HMAC-SHA256 and qlen = 256 (secp256k1),
    /// optionally with extra data appended to the seed (section 3.6, as libsecp256k1 does).
    /// </summary>
    /// <remarks>
    /// Invariants: the key and h1 are 32 bytes; <see cref="Next"/> returns candidates in the order of
    /// step h, each in [1, n-1] (out-of-range T is skipped by the loop of step h.3).
    /// Security: K and V are secret; they are wiped by <see cref="Dispose"/>. The skip loop depends
    /// on whether T &gt;= n, which happens with probability about 2^-128.
    /// </remarks>
    internal sealed class Rfc6979 : System.IDisposable
    {
        private readonly byte[] _k = new byte[32];
        private readonly byte[] _v = new byte[32];
        private readonly byte[] _buffer = new byte[32 + 1 + 32 + 32 + 32];
        private bool _started;

        /// <summary>
        /// Seeds the generator (steps a-g) from the private key x, the reduced hash h1 = bits2octets(H(m)),
        /// and optional 32-byte extra data (null for none).
        /// </summary>
        public Rfc6979(byte[] privateKey, byte[] h1, byte[] extra)
        {
            for (int i = 0; i < 32; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }

            int length = 32 + 1 + 32 + 32;
            System.Array.Copy(privateKey, 0, _buffer, 33, 32);
            System.Array.Copy(h1, 0, _buffer, 65, 32);
            if (extra != null)
            {
                System.Array.Copy(extra, 0, _buffer, 97, 32);
                length += 32;
            }

            Seed(0x00, length);
            Seed(0x01, length);
        }

        /// <summary>Writes the next nonce candidate (32 bytes, in [1, n-1]) to <paramref name="nonce"/>.</summary>
        public void Next(byte[] nonce)
        {
            if (_started)
            {
                Retry();
            }

            _started = true;
            while (true)
            {
                HmacSha256.Compute(_k, _v, 0, 32, _v, 0);
                if (InRange(_v))
                {
                    System.Array.Copy(_v, 0, nonce, 0, 32);
                    return;
                }

                Retry();
            }
        }

        /// <summary>Wipes K, V and the seed buffer.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_k);
            Wipe.Bytes(_v);
            Wipe.Bytes(_buffer);
        }

        /// <summary>K = HMAC_K(V || tag || seed); V = HMAC_K(V) (steps d-g).</summary>
        private void Seed(byte tag, int length)
        {
            System.Array.Copy(_v, 0, _buffer, 0, 32);
            _buffer[32] = tag;
            HmacSha256.Compute(_k, _buffer, 0, length, _k, 0);
            HmacSha256.Compute(_k, _v, 0, 32, _v, 0);
        }

        /// <summary>K = HMAC_K(V || 0x00); V = HMAC_K(V) (step h.3).</summary>
        private void Retry()
        {
            System.Array.Copy(_v, 0, _buffer, 0, 32);
            _buffer[32] = 0x00;
            HmacSha256.Compute(_k, _buffer, 0, 33, _k, 0);
            HmacSha256.Compute(_k, _v, 0, 32, _v, 0);
        }

        /// <summary>True when 1 &lt;= t &lt; n.</summary>
        private static bool InRange(byte[] t)
        {
            uint[] s = Scalar.Create();
            uint overflow = Scalar.FromBytes(s, t, 0);
            uint zero = Scalar.IsZero(s);
            Wipe.Words(s);
            return (overflow | zero) == 0;
        }
    }
}
