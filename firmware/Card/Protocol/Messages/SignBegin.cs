namespace CardFirmware.Card.Protocol.Messages
{
    /// <summary>
    /// The body of a <see cref="CommandCode.Sign"/> request's round 1:
    /// <c>phone's session-id contribution(32) | message hash(32) | depth(1, 0..8) | path(4 * depth, big-endian, non-hardened)</c>.
    /// </summary>
    public sealed class SignBegin
    {
        /// <summary>Bytes of the phone's session-id contribution (<c>JointSessionId.ContributionBytes</c>).</summary>
        public const int ContributionLength = 32;

        /// <summary>Bytes of the message hash.</summary>
        public const int HashLength = 32;

        /// <summary>The deepest path the card derives.</summary>
        public const int MaxDepth = 8;

        private const int FixedLength = ContributionLength + HashLength + 1;

        /// <summary>Creates the message; <paramref name="path"/> null or empty is the root key.</summary>
        public SignBegin(byte[] contribution, byte[] hash, uint[] path)
        {
            if (contribution == null || contribution.Length != ContributionLength || hash == null || hash.Length != HashLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            Contribution = contribution;
            Hash = hash;
            Path = path == null ? new uint[0] : path;
            CheckPath(Path);
        }

        /// <summary>The phone's fresh session-id contribution.</summary>
        public byte[] Contribution { get; private set; }

        /// <summary>The hash to sign.</summary>
        public byte[] Hash { get; private set; }

        /// <summary>The child's path below the wallet key, empty for the root key.</summary>
        public uint[] Path { get; private set; }

        /// <summary>The path as the threshold party takes it: null for the root key.</summary>
        public uint[] PathOrNull
        {
            get { return Path.Length == 0 ? null : Path; }
        }

        /// <summary>The message's bytes.</summary>
        public byte[] Encode()
        {
            byte[] encoded = new byte[FixedLength + (4 * Path.Length)];
            System.Array.Copy(Contribution, 0, encoded, 0, ContributionLength);
            System.Array.Copy(Hash, 0, encoded, ContributionLength, HashLength);
            encoded[FixedLength - 1] = (byte)Path.Length;
            for (int i = 0; i < Path.Length; i++)
            {
                int at = FixedLength + (4 * i);
                encoded[at] = (byte)(Path[i] >> 24);
                encoded[at + 1] = (byte)(Path[i] >> 16);
                encoded[at + 2] = (byte)(Path[i] >> 8);
                encoded[at + 3] = (byte)Path[i];
            }

            return encoded;
        }

        /// <summary>Reads the message from <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">The bytes are not a round-1 sign body.</exception>
        public static SignBegin Decode(byte[] buffer, int offset, int count)
        {
            if (count < FixedLength)
            {
                throw new MessageException(MessageError.WrongLength);
            }

            int depth = buffer[offset + FixedLength - 1];
            if (depth > MaxDepth)
            {
                throw new MessageException(MessageError.PathTooDeep);
            }

            if (count != FixedLength + (4 * depth))
            {
                throw new MessageException(MessageError.WrongLength);
            }

            byte[] contribution = new byte[ContributionLength];
            byte[] hash = new byte[HashLength];
            System.Array.Copy(buffer, offset, contribution, 0, ContributionLength);
            System.Array.Copy(buffer, offset + ContributionLength, hash, 0, HashLength);
            uint[] path = new uint[depth];
            for (int i = 0; i < depth; i++)
            {
                int at = offset + FixedLength + (4 * i);
                path[i] = ((uint)buffer[at] << 24) | ((uint)buffer[at + 1] << 16) | ((uint)buffer[at + 2] << 8) | buffer[at + 3];
            }

            return new SignBegin(contribution, hash, path);
        }

        private static void CheckPath(uint[] path)
        {
            if (path.Length > MaxDepth)
            {
                throw new MessageException(MessageError.PathTooDeep);
            }

            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] >= 0x80000000u)
                {
                    throw new MessageException(MessageError.HardenedIndex);
                }
            }
        }
    }
}
