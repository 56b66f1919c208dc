namespace CardFirmware.Crypto.Secp256k1
{
    /// <summary>
    /// A BIP-32 extended key (private or public) with derivation and the 78-byte serialisation
    /// (version 4 || depth 1 || parent fingerprint 4 || child number 4 || chain code 32 || key 33),
    /// Base58Check encoded. Written against <see cref="ISecp256k1Backend"/>.
    /// </summary>
    /// <remarks>
    /// Invariants: a private key is in [1, n-1]; a public key is a valid compressed point; depth 0
    /// keys have a zero parent fingerprint and child number (checked on parse, BIP-32 test vector 5).
    /// Security: the private key and chain code are wiped by <see cref="Dispose"/>; derivation is
    /// constant time in the private key; the serialised xprv is returned as wipeable ASCII bytes.
    /// </remarks>
    public sealed class ExtendedKey : System.IDisposable
    {
        /// <summary>Child numbers at or above this are hardened.</summary>
        public const uint HardenedOffset = 0x80000000u;

        /// <summary>Mainnet xprv version.</summary>
        public const uint VersionMainnetPrivate = 0x0488ADE4u;

        /// <summary>Mainnet xpub version.</summary>
        public const uint VersionMainnetPublic = 0x0488B21Eu;

        /// <summary>Testnet tprv version.</summary>
        public const uint VersionTestnetPrivate = 0x04358394u;

        /// <summary>Testnet tpub version.</summary>
        public const uint VersionTestnetPublic = 0x043587CFu;

        private static readonly byte[] SeedKey = Ascii.Bytes("Bitcoin seed");

        private readonly ISecp256k1Backend _backend;
        private readonly byte[] _chainCode = new byte[32];
        private readonly byte[] _publicKey = new byte[33];
        private readonly byte[] _parentFingerprint = new byte[4];
        private byte[] _privateKey;
        private bool _testnet;

        private ExtendedKey(ISecp256k1Backend backend)
        {
            _backend = backend;
        }

        /// <summary>Depth in the tree (0 for the master key).</summary>
        public int Depth { get; private set; }

        /// <summary>The child number this key was derived with (hardened ones include 2^31).</summary>
        public uint ChildNumber { get; private set; }

        /// <summary>True when this key holds a private key.</summary>
        public bool IsPrivate
        {
            get { return _privateKey != null; }
        }

        /// <summary>A copy of the compressed public key (33 bytes).</summary>
        public byte[] PublicKey()
        {
            return Copy(_publicKey);
        }

        /// <summary>A copy of the private key (32 bytes); the caller wipes it. Throws InvalidKey for a public key.</summary>
        public byte[] PrivateKey()
        {
            if (_privateKey == null)
            {
                throw new CryptoException(CryptoError.InvalidKey);
            }

            return Copy(_privateKey);
        }

        /// <summary>A copy of the chain code (32 bytes).</summary>
        public byte[] ChainCode()
        {
            return Copy(_chainCode);
        }

        /// <summary>
        /// The master key from a seed (16 to 64 bytes): I = HMAC-SHA512("Bitcoin seed", seed).
        /// Throws InvalidKey when I_L is 0 or &gt;= n (the BIP says: the seed is invalid).
        /// </summary>
        public static ExtendedKey FromSeed(ISecp256k1Backend backend, byte[] seed)
        {
            if (backend == null || seed == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            if (seed.Length < 16 || seed.Length > 64)
            {
                throw new CryptoException(CryptoError.InvalidLength);
            }

            byte[] i = new byte[64];
            HmacSha512.Compute(SeedKey, seed, 0, seed.Length, i, 0);
            ExtendedKey key = new ExtendedKey(backend);
            try
            {
                key.SetPrivate(i);
                return key;
            }
            catch (CryptoException)
            {
                key.Dispose();
                throw;
            }
            finally
            {
                Wipe.Bytes(i);
            }
        }

        /// <summary>
        /// CKDpriv or CKDpub (BIP-32 "Child key derivation functions"). A public key cannot derive a
        /// hardened child (InvalidKey). Throws InvalidKey when I_L &gt;= n or the child key is zero or
        /// infinity (probability below 2^-127; the BIP says to proceed with the next index).
        /// </summary>
        public ExtendedKey Derive(uint index)
        {
            bool hardened = index >= HardenedOffset;
            if (hardened && _privateKey == null)
            {
                throw new CryptoException(CryptoError.InvalidKey);
            }

            byte[] data = new byte[37];
            if (hardened)
            {
                System.Array.Copy(_privateKey, 0, data, 1, 32);
            }
            else
            {
                System.Array.Copy(_publicKey, 0, data, 0, 33);
            }

            data[33] = (byte)(index >> 24);
            data[34] = (byte)(index >> 16);
            data[35] = (byte)(index >> 8);
            data[36] = (byte)index;
            byte[] i = new byte[64];
            byte[] il = new byte[32];
            byte[] reduced = new byte[32];
            ExtendedKey child = new ExtendedKey(_backend);
            try
            {
                HmacSha512.Compute(_chainCode, data, 0, 37, i, 0);
                System.Array.Copy(i, 0, il, 0, 32);
                if (_backend.ScalarReduce(il, reduced))
                {
                    throw new CryptoException(CryptoError.InvalidKey);
                }

                System.Array.Copy(i, 32, child._chainCode, 0, 32);
                if (_privateKey != null)
                {
                    byte[] k = new byte[32];
                    _backend.ScalarAdd(il, _privateKey, k);
                    child._privateKey = k;
                    if (ConstantTime.IsZero(k, 0, 32))
                    {
                        throw new CryptoException(CryptoError.InvalidKey);
                    }

                    _backend.BaseMul(k, child._publicKey);
                }
                else
                {
                    if (ConstantTime.IsZero(il, 0, 32))
                    {
                        // point(0) is infinity; the child is K_par itself, which BIP-32 does not allow.
                        throw new CryptoException(CryptoError.InvalidKey);
                    }

                    byte[] tweak = new byte[33];
                    _backend.BaseMul(il, tweak);
                    _backend.PointAdd(tweak, _publicKey, child._publicKey);
                }

                child.Depth = Depth + 1;
                child.ChildNumber = index;
                child._testnet = _testnet;
                Fingerprint(_publicKey, child._parentFingerprint);
                return child;
            }
            catch (CryptoException)
            {
                child.Dispose();
                throw;
            }
            finally
            {
                Wipe.Bytes(data);
                Wipe.Bytes(i);
                Wipe.Bytes(il);
                Wipe.Bytes(reduced);
            }
        }

        /// <summary>Derives along a path of child numbers (each may include <see cref="HardenedOffset"/>).</summary>
        public ExtendedKey DerivePath(uint[] path)
        {
            ExtendedKey current = Clone(this);
            for (int i = 0; i < path.Length; i++)
            {
                ExtendedKey next = current.Derive(path[i]);
                current.Dispose();
                current = next;
            }

            return current;
        }

        /// <summary>The public (neutered) extended key with the same position in the tree.</summary>
        public ExtendedKey Neuter()
        {
            ExtendedKey copy = Clone(this);
            if (copy._privateKey != null)
            {
                Wipe.Bytes(copy._privateKey);
                copy._privateKey = null;
            }

            return copy;
        }

        /// <summary>The Base58Check serialisation (xprv/xpub, or tprv/tpub for parsed testnet keys) as ASCII bytes.</summary>
        public byte[] Serialize()
        {
            byte[] payload = new byte[78];
            uint version = _privateKey != null
                ? (_testnet ? VersionTestnetPrivate : VersionMainnetPrivate)
                : (_testnet ? VersionTestnetPublic : VersionMainnetPublic);
            WriteUInt32(payload, 0, version);
            payload[4] = (byte)Depth;
            System.Array.Copy(_parentFingerprint, 0, payload, 5, 4);
            WriteUInt32(payload, 9, ChildNumber);
            System.Array.Copy(_chainCode, 0, payload, 13, 32);
            if (_privateKey != null)
            {
                System.Array.Copy(_privateKey, 0, payload, 46, 32);
            }
            else
            {
                System.Array.Copy(_publicKey, 0, payload, 45, 33);
            }

            byte[] text = Base58Check.Encode(payload);
            Wipe.Bytes(payload);
            return text;
        }

        /// <summary>
        /// Parses a Base58Check extended key (ASCII bytes) with every check of BIP-32 test vector 5:
        /// checksum, length 78, known version, private/public key prefix matching the version,
        /// private key in [1, n-1], public key on the curve, and depth 0 implying a zero parent
        /// fingerprint and child number. Throws InvalidEncoding or InvalidKey.
        /// </summary>
        public static ExtendedKey Parse(ISecp256k1Backend backend, byte[] text)
        {
            if (backend == null)
            {
                throw new CryptoException(CryptoError.NullBuffer);
            }

            byte[] payload = Base58Check.Decode(text);
            ExtendedKey key = new ExtendedKey(backend);
            try
            {
                if (payload.Length != 78)
                {
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }

                uint version = ReadUInt32(payload, 0);
                bool isPrivate = version == VersionMainnetPrivate || version == VersionTestnetPrivate;
                bool isPublic = version == VersionMainnetPublic || version == VersionTestnetPublic;
                if (!isPrivate && !isPublic)
                {
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }

                key._testnet = version == VersionTestnetPrivate || version == VersionTestnetPublic;
                key.Depth = payload[4];
                System.Array.Copy(payload, 5, key._parentFingerprint, 0, 4);
                key.ChildNumber = ReadUInt32(payload, 9);
                if (key.Depth == 0 && (!ConstantTime.IsZero(key._parentFingerprint, 0, 4) || key.ChildNumber != 0))
                {
                    throw new CryptoException(CryptoError.InvalidEncoding);
                }

                System.Array.Copy(payload, 13, key._chainCode, 0, 32);
                if (isPrivate)
                {
                    if (payload[45] != 0x00)
                    {
                        throw new CryptoException(CryptoError.InvalidKey);
                    }

                    byte[] k = new byte[32];
                    System.Array.Copy(payload, 46, k, 0, 32);
                    key._privateKey = k;
                    Ecdsa.CheckPrivateKey(backend, k);
                    backend.BaseMul(k, key._publicKey);
                }
                else
                {
                    if (payload[45] != 0x02 && payload[45] != 0x03)
                    {
                        throw new CryptoException(CryptoError.InvalidKey);
                    }

                    byte[] p = new byte[33];
                    System.Array.Copy(payload, 45, p, 0, 33);
                    try
                    {
                        backend.ReencodePoint(p, true, key._publicKey);
                    }
                    catch (CryptoException)
                    {
                        throw new CryptoException(CryptoError.InvalidKey);
                    }
                }

                return key;
            }
            catch (CryptoException)
            {
                key.Dispose();
                throw;
            }
            finally
            {
                Wipe.Bytes(payload);
            }
        }

        /// <summary>Wipes the private key and chain code.</summary>
        public void Dispose()
        {
            Wipe.Bytes(_privateKey);
            Wipe.Bytes(_chainCode);
        }

        /// <summary>Returns a fixed text; key material is never formatted.</summary>
        public override string ToString()
        {
            return "<redacted>";
        }

        /// <summary>BIP-32 key identifier prefix: the first 4 bytes of HASH160(compressed public key).</summary>
        private static void Fingerprint(byte[] publicKey, byte[] output)
        {
            byte[] sha = new byte[32];
            Sha256.Hash(publicKey, 0, 33, sha, 0);
            byte[] id = new byte[Ripemd160.HashSize];
            Ripemd160.Hash(sha, 0, 32, id, 0);
            System.Array.Copy(id, 0, output, 0, 4);
        }

        private void SetPrivate(byte[] i)
        {
            byte[] k = new byte[32];
            System.Array.Copy(i, 0, k, 0, 32);
            _privateKey = k;
            System.Array.Copy(i, 32, _chainCode, 0, 32);
            Ecdsa.CheckPrivateKey(_backend, k);
            _backend.BaseMul(k, _publicKey);
        }

        private static ExtendedKey Clone(ExtendedKey source)
        {
            ExtendedKey copy = new ExtendedKey(source._backend);
            System.Array.Copy(source._chainCode, 0, copy._chainCode, 0, 32);
            System.Array.Copy(source._publicKey, 0, copy._publicKey, 0, 33);
            System.Array.Copy(source._parentFingerprint, 0, copy._parentFingerprint, 0, 4);
            copy._privateKey = source._privateKey == null ? null : Copy(source._privateKey);
            copy.Depth = source.Depth;
            copy.ChildNumber = source.ChildNumber;
            copy._testnet = source._testnet;
            return copy;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] result = new byte[source.Length];
            System.Array.Copy(source, 0, result, 0, source.Length);
            return result;
        }

        private static uint ReadUInt32(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        private static void WriteUInt32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }
    }
}
