using CardFirmware.Crypto;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// The owner's approval of a provider request that needs the card (a policy change, the recovery of a lost
    /// phone): a statement signed by the card's identity key after a finger touch, which the provider verifies
    /// with the card identity it enrolled for the wallet. Bytes (139):
    /// <code>statement(75) = version(1) = 1 | kind(1) | counter(8, big-endian) | wallet public key(33) | subject(32)
    /// signature(64)  = ECDSA over SHA-256("CardFirmware/approval/1" | statement), compact r | s, low S</code>
    /// The counter is the card's persistent session counter, raised and on flash before the signature: every
    /// approval of a card carries a larger counter than the last, so the provider refuses one it has seen (or an
    /// older one). The subject binds the request (<see cref="ApprovalKind"/>).
    /// </summary>
    public static class CardApproval
    {
        /// <summary>Format version.</summary>
        public const byte Version = 1;

        /// <summary>Length of the signed statement.</summary>
        public const int StatementLength = 1 + 1 + 8 + 33 + 32;

        /// <summary>Length of the whole approval (statement and signature).</summary>
        public const int Length = StatementLength + 64;

        // "CardFirmware/approval/1" in ASCII.
        private static readonly byte[] Domain = new byte[]
        {
            0x43, 0x61, 0x72, 0x64, 0x46, 0x69, 0x72, 0x6d, 0x77, 0x61, 0x72, 0x65, 0x2f, 0x61, 0x70, 0x70,
            0x72, 0x6f, 0x76, 0x61, 0x6c, 0x2f, 0x31,
        };

        /// <summary>The statement of an approval of <paramref name="kind"/> for <paramref name="subject"/> (32) under wallet key <paramref name="walletPublicKey"/> (33).</summary>
        public static byte[] Statement(int kind, long counter, byte[] walletPublicKey, byte[] subject, int subjectOffset)
        {
            byte[] statement = new byte[StatementLength];
            statement[0] = Version;
            statement[1] = (byte)kind;
            for (int i = 0; i < 8; i++)
            {
                statement[2 + i] = (byte)(counter >> (8 * (7 - i)));
            }

            System.Array.Copy(walletPublicKey, 0, statement, 10, 33);
            System.Array.Copy(subject, subjectOffset, statement, 43, 32);
            return statement;
        }

        /// <summary>The hash the identity key signs: SHA-256(domain | statement).</summary>
        public static byte[] Hash(byte[] statement, int offset)
        {
            Sha256 sha = new Sha256();
            sha.Update(Domain, 0, Domain.Length);
            sha.Update(statement, offset, StatementLength);
            byte[] hash = new byte[32];
            sha.Final(hash, 0);
            return hash;
        }
    }
}
