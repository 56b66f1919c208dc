using CardFirmware.Crypto;

namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The fuzzy vault of Juels and Sudan ("A Fuzzy Vault Scheme", ISIT 2002) over the finger's
    /// triangle codes, in the shape Nandakumar, Jain and Pankanti gave it for fingerprints (IEEE
    /// TIFS 2(4) 2007): a secret polynomial of <see cref="K"/> coefficients over
    /// GF(2^31 - 1) is evaluated at every enrolled code; random chaff points that lie off the
    /// polynomial hide them; a check value tells the right polynomial from a wrong one. A touch
    /// whose codes pick out at least K genuine points (and few enough chaff) rebuilds the
    /// polynomial by Reed–Solomon decoding; the key is derived from it.
    /// </summary>
    /// <remarks>
    /// Key = HKDF-SHA256(salt, coefficients) expanded with "CardFirmware finger key v1"; the check
    /// value is the same PRK expanded with "CardFirmware vault check v1", so it reveals nothing of
    /// the key beyond confirming a guess of all K coefficients (K × 31 bits).
    /// Chaff x values are codes of random triangles (three random minutiae in the sensor window),
    /// so they follow the geometry real triangles obey; y values are uniform.
    /// Security: coefficients, unlocked points and the derived secrets live in buffers owned here and
    /// wiped by <see cref="Clear"/> (and at the end of every <see cref="Lock"/> / <see cref="Unlock"/>).
    /// Each decoding attempt runs a fixed schedule for its point count (<see cref="ReedSolomonDecoder"/>); how
    /// many points a touch unlocks and how many attempts it takes are visible in its timing, the secret
    /// coefficients are not.
    /// </remarks>
    internal sealed class FuzzyVault
    {
        /// <summary>
        /// The card's coefficient count of the secret polynomial: a touch must unlock at least this many
        /// genuine points. 22 with up to 400 genuine codes among <see cref="Size"/> = 1,700 points: a
        /// brute force of the helper data of about 2^46 guesses (the floor is 2^40), and with at most
        /// <see cref="FingerKeyExtractor.MaxTouchCodes"/> codes a touch and 7-touch enrollment no impostor
        /// touch of FVC2002 DB1_B or of the synthetic capacitive and optical fingers (116,600) unlocked 22
        /// vault points (the highest 21, synthetic optical, chaff included; see README.md).
        /// </summary>
        public const int DefaultK = 22;

        /// <summary>Points in a vault, genuine and chaff (at most <see cref="HelperData.MaxPoints"/>).</summary>
        public const int Size = 1700;

        /// <summary>Chaff points one decoding attempt tolerates among its points.</summary>
        public const int MaxErrors = 6;

        /// <summary>Decoding attempts on random subsets when a touch unlocks more points than one attempt takes.</summary>
        public const int MaxAttempts = 16;

        /// <summary>Most unlocked points considered (a touch unlocking more is cut to these).</summary>
        public const int MaxUnlocked = 256;

        private const int MaxChaffTries = 64 * Size;

        private static readonly byte[] Personalization = Ascii.Bytes("CardFirmware fuzzy vault v1");
        private static readonly byte[] KeyInfo = Ascii.Bytes("CardFirmware finger key v1");
        private static readonly byte[] CheckInfo = Ascii.Bytes("CardFirmware vault check v1");

        // The same infos with HKDF's first block counter appended, for one HMAC call each on the kernels' HMAC.
        private static readonly byte[] KeyInfoFirstBlock = Hkdf.FirstBlockInput(KeyInfo);
        private static readonly byte[] CheckInfoFirstBlock = Hkdf.FirstBlockInput(CheckInfo);

        private readonly int _k;
        private readonly int _attemptPoints;
        private readonly uint[] _coefficients;
        private readonly byte[] _secret;
        private readonly byte[] _prk = new byte[Hkdf.PrkSize];
        private readonly byte[] _check = new byte[HelperData.CheckLength];
        private readonly byte[] _word = new byte[4];
        // Which vault points a touch unlocked (indices, in vault order); their x and y are read
        // from the helper data when an attempt takes them, instead of being copied here.
        private readonly ushort[] _unlocked = new ushort[MaxUnlocked];
        private readonly uint[] _attemptX;
        private readonly uint[] _attemptY;
        private readonly ushort[] _order = new ushort[MaxUnlocked];
        private readonly ReedSolomonDecoder _decoder;
        private readonly ICodeKernels _kernels;

        // With the managed kernels, one MAC for every derivation (Hkdf leaves it keyed with the empty key); null with
        // kernels that have their own HMAC, since keying it costs two SHA-256 compressions in IL and a touch makes its vault.
        private readonly HmacSha256 _mac;

        /// <summary>A vault of <paramref name="k"/> coefficients (the card uses <see cref="DefaultK"/>; the evaluation sweeps it) on the managed code kernels.</summary>
        public FuzzyVault(int k)
            : this(k, ManagedCodeKernels.Instance)
        {
        }

        /// <summary>A vault of <paramref name="k"/> coefficients whose scan, chaff and evaluation run on <paramref name="kernels"/>.</summary>
        public FuzzyVault(int k, ICodeKernels kernels)
        {
            if (kernels == null)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _kernels = kernels;
            if (kernels.Hmac == null)
            {
                _mac = new HmacSha256(new byte[0]);
            }

            if (k < HelperData.MinK || k > HelperData.MaxK)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _k = k;
            _attemptPoints = k + (2 * MaxErrors);
            _coefficients = new uint[k];
            _secret = new byte[k * 4];
            _attemptX = new uint[_attemptPoints];
            _attemptY = new uint[_attemptPoints];
            _decoder = new ReedSolomonDecoder(_attemptPoints);
        }

        /// <summary>Coefficients of this vault's polynomial.</summary>
        public int K
        {
            get { return _k; }
        }

        /// <summary>
        /// Vault points the last <see cref="Unlock"/> unlocked (genuine and chaff): the touch's match
        /// score, which the evaluation sets the operating point against (a touch below K cannot open).
        /// A count, not a position or a code; <see cref="ForgetScore"/> zeroes it at the end of a session.
        /// </summary>
        internal int LastUnlocked { get; private set; }

        /// <summary>Zeroes <see cref="LastUnlocked"/>.</summary>
        internal void ForgetScore()
        {
            LastUnlocked = 0;
        }

        /// <summary>
        /// Locks a fresh key under the <paramref name="count"/> genuine codes (sorted, distinct,
        /// count below <see cref="Size"/>): fills <paramref name="vault"/> and writes the 32-byte key.
        /// <paramref name="entropy"/> (32 bytes) seeds the polynomial, salt and chaff.
        /// </summary>
        public void Lock(uint[] genuine, int count, byte[] entropy, HelperData vault, byte[] key)
        {
            HmacDrbg random = new HmacDrbg(entropy, null, Personalization, _kernels.Hmac);
            byte[] block = new byte[VaultChaff.BlockBytes];
            try
            {
                vault.BeginBuild();
                random.Generate(vault.Salt, 0, HelperData.SaltLength, null);
                for (int i = 0; i < _k; i++)
                {
                    _coefficients[i] = RandomElement(random);
                }

                System.Array.Copy(genuine, 0, vault.X, 0, count);
                _kernels.Evaluate(_coefficients, _k, vault.X, vault.Y, count);
                vault.Count = count;
                AddChaff(vault, random, block);
                _kernels.SortPoints(vault.X, vault.Y, vault.Count);
                vault.K = _k;
                Derive(vault.Salt, key);
                System.Array.Copy(_check, 0, vault.Check, 0, HelperData.CheckLength);
            }
            finally
            {
                random.Dispose();
                Wipe.Bytes(block);
                Clear();
            }
        }

        /// <summary>
        /// Tries to open <paramref name="vault"/> with a touch's sorted code set; on success writes
        /// the 32-byte key and returns true. False: too few points unlocked, or none of the decoding
        /// attempts matched the check value.
        /// </summary>
        public bool Unlock(HelperData vault, CodeBuffer query, int queryCount, byte[] key)
        {
            try
            {
                int unlocked = 0;
                for (int first = 0; first < vault.Count && unlocked < MaxUnlocked; first += HelperData.WindowPoints)
                {
                    int points = vault.LoadWindow(first);
                    unlocked = _kernels.Match(query, queryCount, vault.Window, points, first, _unlocked, unlocked);
                }

                LastUnlocked = unlocked;

                if (vault.K != _k || unlocked < _k)
                {
                    return false;
                }

                int attempts = unlocked <= _attemptPoints ? 1 : MaxAttempts;
                int take = unlocked <= _attemptPoints ? unlocked : _attemptPoints;
                uint state = 0x9E3779B9;
                for (int a = 0; a < attempts; a++)
                {
                    state = PickSubset(vault, unlocked, take, state);
                    if (_kernels.Decode(_decoder, _attemptX, _attemptY, take, _k, _coefficients) && Matches(vault, key))
                    {
                        return true;
                    }
                }

                Wipe.Bytes(key);
                return false;
            }
            finally
            {
                Clear();
            }
        }

        /// <summary>Zeroes every secret and biometric buffer.</summary>
        public void Clear()
        {
            Wipe.Words(_coefficients);
            Wipe.Bytes(_secret);
            Wipe.Bytes(_prk);
            Wipe.Bytes(_check);
            System.Array.Clear(_unlocked, 0, _unlocked.Length);
            Wipe.Words(_attemptX);
            Wipe.Words(_attemptY);
            System.Array.Clear(_order, 0, _order.Length);
        }

        public bool IsClear()
        {
            return Workspace.AllZero(_coefficients) && Workspace.AllZero(_secret) && Workspace.AllZero(_prk)
                && Workspace.AllZero(_check) && Workspace.AllZero(_unlocked) && Workspace.AllZero(_order)
                && Workspace.AllZero(_attemptX) && Workspace.AllZero(_attemptY);
        }

        // Chaff (VaultChaff): codes of random triangles, distinct from every point already in the vault,
        // from blocks of the DRBG's output.
        private void AddChaff(HelperData vault, HmacDrbg random, byte[] block)
        {
            int[] tries = new int[1];
            while (vault.Count < Size)
            {
                if (tries[0] >= MaxChaffTries)
                {
                    throw new BiometricException(BiometricError.NotDistinctive);
                }

                random.Generate(block, 0, block.Length, null);
                vault.Count = _kernels.Chaff(block, vault.X, vault.Y, vault.Count, Size, tries, MaxChaffTries);
            }
        }

        // A public pseudo-random choice of `take` of the unlocked points (partial Fisher-Yates,
        // xorshift32): which points a touch unlocked is not secret beyond the touch's timing.
        private uint PickSubset(HelperData vault, int unlocked, int take, uint state)
        {
            for (int i = 0; i < unlocked; i++)
            {
                _order[i] = (ushort)i;
            }

            for (int i = 0; i < take; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                int j = i + (int)(state % (uint)(unlocked - i));
                ushort t = _order[i];
                _order[i] = _order[j];
                _order[j] = t;
                int point = _unlocked[_order[i]];
                _attemptX[i] = vault.PointX(point);
                _attemptY[i] = vault.PointY(point);
            }

            return state;
        }

        private bool Matches(HelperData vault, byte[] key)
        {
            Derive(vault.Salt, key);
            return ConstantTime.AreEqual(_check, 0, vault.Check, 0, HelperData.CheckLength);
        }

        // PRK = HKDF-Extract(salt, coefficients as big-endian words); key and check expand from it.
        private void Derive(byte[] salt, byte[] key)
        {
            for (int i = 0; i < _k; i++)
            {
                uint c = _coefficients[i];
                _secret[i * 4] = (byte)(c >> 24);
                _secret[(i * 4) + 1] = (byte)(c >> 16);
                _secret[(i * 4) + 2] = (byte)(c >> 8);
                _secret[(i * 4) + 3] = (byte)c;
            }

            // Check value and key are 32 bytes each: the first HKDF-Expand block T(1) of each info. With native kernels
            // the three HMACs are one module call each; the managed kernels stream them through the reusable managed MAC.
            IHmacSha256 hmac = _kernels.Hmac;
            if (hmac != null)
            {
                Hkdf.Extract(hmac, salt, _secret, 0, _secret.Length, _prk);
                Hkdf.ExpandFirstBlock(hmac, _prk, CheckInfoFirstBlock, _check, 0);
                Hkdf.ExpandFirstBlock(hmac, _prk, KeyInfoFirstBlock, key, 0);
                return;
            }

            Hkdf.Extract(_mac, salt, _secret, 0, _secret.Length, _prk);
            Hkdf.ExpandFirstBlock(_mac, _prk, CheckInfo, _check, 0);
            Hkdf.ExpandFirstBlock(_mac, _prk, KeyInfo, key, 0);
        }

        // Uniform in [0, p) by rejection of the one 31-bit value p itself.
        private uint RandomElement(HmacDrbg random)
        {
            try
            {
                while (true)
                {
                    random.Generate(_word, 0, 4, null);
                    uint v = (((uint)_word[0] << 24) | ((uint)_word[1] << 16) | ((uint)_word[2] << 8) | _word[3]) & PrimeField.P;
                    if (v < PrimeField.P)
                    {
                        return v;
                    }
                }
            }
            finally
            {
                Wipe.Bytes(_word);
            }
        }
    }
}
