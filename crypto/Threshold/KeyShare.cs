using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// One party's share of a 2-of-n threshold ECDSA key (n = 2 or 3): its Shamir share p(i), the
    /// public shares X_k = p(k)·G of every party, the joint public key and chain code (the xpub at
    /// depth 0), the key id that names this key and refresh epoch, and the OT setup per peer.
    /// </summary>
    /// <remarks>
    /// Serialized form (<see cref="Serialize"/>), version 1, big-endian:
    /// <c>version(1) ‖ n(1) ‖ index(1) ‖ t(1) ‖ keyId(32) ‖ p(i)(32) ‖ pk(33) ‖ chainCode(32) ‖ X_1..X_n(33 each) ‖ PairSetup per peer in index order</c>.
    /// 2-of-2: 9 440 bytes; 2-of-3: 18 714 bytes.
    /// Security: the serialized form contains secrets and must be stored encrypted (the card wraps
    /// it with its biometric key); <see cref="Clear"/> wipes the secret share and the OT seeds.
    /// </remarks>
    public sealed class KeyShare
    {
        /// <summary>Serialization format version.</summary>
        public const byte FormatVersion = 1;

        private readonly Scalar _secret;
        private readonly Point[] _publicShares;
        private readonly PairSetup[] _pairs;

        internal KeyShare(int parties, int index, byte[] keyId, Scalar secret, Point publicKey, byte[] chainCode, Point[] publicShares, PairSetup[] pairs)
        {
            Parties = parties;
            Index = index;
            KeyId = keyId;
            _secret = secret;
            PublicKeyPoint = publicKey;
            ChainCode = chainCode;
            _publicShares = publicShares;
            _pairs = pairs;
        }

        /// <summary>Number of parties n.</summary>
        public int Parties { get; }

        /// <summary>This party's 1-based index.</summary>
        public int Index { get; }

        /// <summary>32-byte id of the key and refresh epoch (hash of the generating transcript).</summary>
        public byte[] KeyId { get; }

        /// <summary>32-byte BIP-32 chain code of the root xpub.</summary>
        public byte[] ChainCode { get; }

        internal Point PublicKeyPoint { get; }

        internal Scalar Secret
        {
            get { return _secret; }
        }

        /// <summary>The joint public key, 33-byte compressed SEC 1.</summary>
        public byte[] PublicKey()
        {
            byte[] b = new byte[Params.PointBytes];
            PublicKeyPoint.WriteTo(b, 0);
            return b;
        }

        /// <summary>The public key (33 bytes) of the non-hardened BIP-32 child at <paramref name="path"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters for a hardened index.</exception>
        public byte[] ChildPublicKey(uint[] path)
        {
            byte[] b = new byte[Params.PointBytes];
            ChildDerivation.Derive(ManagedArithmeticBackend.Instance, PublicKeyPoint, ChainCode, path).PublicKey.WriteTo(b, 0);
            return b;
        }

        /// <summary>The chain code (32 bytes) of the non-hardened BIP-32 child at <paramref name="path"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters for a hardened index.</exception>
        public byte[] ChildChainCode(uint[] path)
        {
            ChildDerivation child = ChildDerivation.Derive(ManagedArithmeticBackend.Instance, PublicKeyPoint, ChainCode, path);
            child.Tweak.Clear();
            return child.ChainCode;
        }

        /// <summary>The public share X_k of party <paramref name="k"/> (1-based).</summary>
        internal Point PublicShare(int k)
        {
            return _publicShares[k - 1];
        }

        /// <summary>The OT setup shared with <paramref name="peer"/>.</summary>
        internal PairSetup Pair(int peer)
        {
            for (int i = 0; i < _pairs.Length; i++)
            {
                if (_pairs[i].Peer == peer)
                {
                    return _pairs[i];
                }
            }

            throw new ThresholdException(ThresholdError.InvalidParameters, 0);
        }

        /// <summary>Size in bytes of the serialized share.</summary>
        public int SerializedSize
        {
            get { return 4 + 32 + 32 + 33 + 32 + (Parties * Params.PointBytes) + ((Parties - 1) * PairSetup.SerializedBytes); }
        }

        /// <summary>Serializes the share (format above). The result is secret: the caller wipes it.</summary>
        public byte[] Serialize()
        {
            byte[] b = new byte[SerializedSize];
            int p = 0;
            b[p++] = FormatVersion;
            b[p++] = (byte)Parties;
            b[p++] = (byte)Index;
            b[p++] = Params.Threshold;
            System.Array.Copy(KeyId, 0, b, p, 32);
            p += 32;
            _secret.WriteTo(b, p);
            p += 32;
            PublicKeyPoint.WriteTo(b, p);
            p += Params.PointBytes;
            System.Array.Copy(ChainCode, 0, b, p, 32);
            p += 32;
            for (int k = 0; k < Parties; k++)
            {
                _publicShares[k].WriteTo(b, p);
                p += Params.PointBytes;
            }

            for (int i = 0; i < _pairs.Length; i++)
            {
                PairSetup s = _pairs[i];
                b[p++] = (byte)s.Peer;
                p = Put(s.BobSeeds0, b, p);
                p = Put(s.BobSeeds1, b, p);
                p = Put(s.AliceDelta, b, p);
                p = Put(s.AliceSeeds, b, p);
            }

            return b;
        }

        /// <summary>Parses a serialized share, checking version, sizes, indices and encodings.</summary>
        /// <exception cref="ThresholdException">InvalidKeyShare for any malformed blob.</exception>
        public static KeyShare Deserialize(byte[] data)
        {
            return Deserialize(ManagedArithmeticBackend.Instance, data);
        }

        /// <summary>Parses a serialized share as <see cref="Deserialize(byte[])"/>, validating its points with <paramref name="backend"/>.</summary>
        /// <exception cref="ThresholdException">InvalidKeyShare for any malformed blob.</exception>
        public static KeyShare Deserialize(IArithmeticBackend backend, byte[] data)
        {
            if (data == null || data.Length < 4 || data[0] != FormatVersion || data[3] != Params.Threshold)
            {
                throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
            }

            int n = data[1];
            int index = data[2];
            if (n < 2 || n > Params.MaxParties || index < 1 || index > n)
            {
                throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
            }

            int expected = 4 + 32 + 32 + 33 + 32 + (n * Params.PointBytes) + ((n - 1) * PairSetup.SerializedBytes);
            if (data.Length != expected)
            {
                throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
            }

            int p = 4;
            byte[] keyId = Take(data, ref p, 32);
            Scalar secret = Scalar.FromBytesStrict(data, p);
            PairSetup[] pairs = new PairSetup[n - 1];
            bool accepted = false;
            try
            {
                p += 32;
                Point pk = Point.Decode(backend, data, p);
                p += Params.PointBytes;
                byte[] chainCode = Take(data, ref p, 32);
                if (secret == null || pk == null)
                {
                    throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
                }

                Point[] shares = new Point[n];
                for (int k = 0; k < n; k++)
                {
                    shares[k] = Point.Decode(backend, data, p);
                    p += Params.PointBytes;
                    if (shares[k] == null)
                    {
                        throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
                    }
                }

                int seedBytes = Params.OtWidth * Params.SeedBytes;
                int last = 0;
                for (int i = 0; i < n - 1; i++)
                {
                    int peer = data[p++];
                    if (peer < 1 || peer > n || peer == index || peer <= last)
                    {
                        throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
                    }

                    last = peer;
                    byte[] s0 = Take(data, ref p, seedBytes);
                    byte[] s1 = Take(data, ref p, seedBytes);
                    byte[] delta = Take(data, ref p, Params.RowBytes);
                    byte[] sd = Take(data, ref p, seedBytes);
                    pairs[i] = new PairSetup(peer, s0, s1, delta, sd);
                }

                KeyShare share = new KeyShare(n, index, keyId, secret, pk, chainCode, shares, pairs);
                if (!share.PublicShare(index).EqualsPoint(Point.MulBase(backend, secret)))
                {
                    throw new ThresholdException(ThresholdError.InvalidKeyShare, 0);
                }

                accepted = true;
                return share;
            }
            finally
            {
                // A rejected blob was still the plaintext of a sealed share: its secret and seeds are wiped.
                if (!accepted)
                {
                    if (secret != null)
                    {
                        secret.Clear();
                    }

                    for (int i = 0; i < pairs.Length; i++)
                    {
                        if (pairs[i] != null)
                        {
                            pairs[i].Clear();
                        }
                    }
                }
            }
        }

        /// <summary>Wipes the secret share and every OT seed.</summary>
        public void Clear()
        {
            _secret.Clear();
            for (int i = 0; i < _pairs.Length; i++)
            {
                _pairs[i].Clear();
            }
        }

        /// <summary>Returns "&lt;redacted&gt;": the share never appears in text.</summary>
        public override string ToString()
        {
            return "<redacted>";
        }

        private static int Put(byte[] source, byte[] destination, int position)
        {
            System.Array.Copy(source, 0, destination, position, source.Length);
            return position + source.Length;
        }

        private static byte[] Take(byte[] data, ref int position, int count)
        {
            byte[] result = new byte[count];
            System.Array.Copy(data, position, result, 0, count);
            position += count;
            return result;
        }
    }
}
