namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// A signer's random source for one run, hedged as in RFC 6979 §3.6 ("additional data k'"): an HMAC-DRBG
    /// (SP 800-90A §10.1.2, the generator RFC 6979 §3.3 is built on) instantiated with
    /// entropy input = the signer's effective share (32 bytes), nonce = sid ‖ extra data (e.g. the message hash),
    /// personalization = 32 fresh bytes from the party's own generator.
    /// </summary>
    /// <remarks>
    /// Security: with a working generator the output is as random as the fresh bytes; with a failed one
    /// (constant, repeating, or known to an attacker) it is still a pseudorandom function of the secret share
    /// keyed per session and message, so nonces never repeat across sessions and cannot be predicted without
    /// the share. Wiped by <see cref="Dispose"/>.
    /// </remarks>
    internal sealed class HedgedRandom : IRandomSource, System.IDisposable
    {
        private readonly HmacDrbg drbg;

        /// <summary>Instantiates the generator; <paramref name="extra"/> may be null.</summary>
        public HedgedRandom(Scalar secret, byte[] sessionId, byte[] extra, IRandomSource fresh)
        {
            byte[] key = new byte[Params.ScalarBytes];
            int extraLength = extra == null ? 0 : extra.Length;
            byte[] nonce = new byte[Params.SessionIdBytes + extraLength];
            byte[] personalization = new byte[32];
            try
            {
                secret.WriteTo(key, 0);
                System.Array.Copy(sessionId, 0, nonce, 0, Params.SessionIdBytes);
                if (extraLength > 0)
                {
                    System.Array.Copy(extra, 0, nonce, Params.SessionIdBytes, extraLength);
                }

                fresh.Fill(personalization, 0, personalization.Length);
                drbg = new HmacDrbg(key, nonce, personalization);
            }
            finally
            {
                Wipe.Bytes(key);
                Wipe.Bytes(personalization);
            }
        }

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int chunk = count > HmacDrbg.MaxRequestLength ? HmacDrbg.MaxRequestLength : count;
                drbg.Generate(buffer, offset, chunk, null);
                offset += chunk;
                count -= chunk;
            }
        }

        /// <summary>Wipes the generator's state.</summary>
        public void Dispose()
        {
            drbg.Dispose();
        }
    }
}
