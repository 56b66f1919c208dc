using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// What distinguishes the three runs of the dealing protocol that <see cref="DkgParty"/> carries out:
    /// a new key, a refresh of a key, and the recovery of a lost party's share. All three deal fresh
    /// degree-1 polynomials and fresh base OTs; they differ in each dealer's constant term and in where
    /// the public key and chain code come from. See README "Refresh and recovery".
    /// </summary>
    internal sealed class DkgVariant
    {
        private readonly KeyShare _previous;
        private readonly Point _expectedKey;
        private readonly byte[] _expectedChainCode;

        private DkgVariant(byte protocol, int lost, KeyShare previous, Point expectedKey, byte[] expectedChainCode)
        {
            Protocol = protocol;
            Lost = lost;
            _previous = previous;
            _expectedKey = expectedKey;
            _expectedChainCode = expectedChainCode;
        }

        /// <summary>Wire protocol id of the run.</summary>
        public byte Protocol { get; }

        /// <summary>Index of the party whose share is rebuilt (recovery only), else 0.</summary>
        public int Lost { get; }

        /// <summary>True for a new key: random constant terms, proofs of knowledge and chain-code contributions.</summary>
        public bool IsNewKey
        {
            get { return Protocol == Wire.ProtocolDkg; }
        }

        /// <summary>A new key.</summary>
        public static DkgVariant NewKey()
        {
            return new DkgVariant(Wire.ProtocolDkg, 0, null, null, null);
        }

        /// <summary>A refresh of <paramref name="share"/>: every constant term is zero and the new share is added to the old.</summary>
        public static DkgVariant Refresh(KeyShare share)
        {
            return new DkgVariant(Wire.ProtocolRefresh, 0, share, null, null);
        }

        /// <summary>A surviving party's part in rebuilding party <paramref name="lost"/>'s share.</summary>
        public static DkgVariant RecoveryBySurvivor(KeyShare share, int lost)
        {
            return new DkgVariant(Wire.ProtocolRecovery, lost, share, null, null);
        }

        /// <summary>The lost party's part: it holds nothing but the wallet's public key and chain code (its xpub).</summary>
        public static DkgVariant RecoveryOfLost(int lost, Point publicKey, byte[] chainCode)
        {
            return new DkgVariant(Wire.ProtocolRecovery, lost, null, publicKey, chainCode);
        }

        /// <summary>
        /// True if party <paramref name="k"/>'s polynomial has a constant term it commits to and opens:
        /// every party for a new key, no party for a refresh, every survivor for a recovery.
        /// </summary>
        public bool SendsConstant(int k)
        {
            return Protocol == Wire.ProtocolDkg || (Protocol == Wire.ProtocolRecovery && k != Lost);
        }

        /// <summary>
        /// The constant term f_me(0) this party deals: random for a new key, zero for a refresh and for the
        /// lost party, and λ_me·p(me) for a survivor (λ over the survivors at 0), so that the survivors'
        /// constants add up to the joint secret and the new shares are a fresh sharing of the same key.
        /// </summary>
        public Scalar ConstantTerm(int me, IRandomSource random)
        {
            if (Protocol == Wire.ProtocolDkg)
            {
                return Scalar.Random(random);
            }

            if (!SendsConstant(me))
            {
                return Scalar.Zero();
            }

            return SurvivorLagrange(me).Mul(_previous.Secret);
        }

        /// <summary>
        /// Checks survivor <paramref name="k"/>'s opened constant commitment C_k0 against what the old
        /// public shares fix it to, λ_k·X_k. The lost party has no public shares; its check is that the
        /// constants add up to the wallet's public key (<see cref="PublicKey"/>) and the key-id echo.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidShare blamed on <paramref name="k"/>.</exception>
        public void CheckConstant(ISecp256k1Backend backend, int k, Point c0)
        {
            if (Protocol == Wire.ProtocolRecovery && _previous != null
                && !_previous.PublicShare(k).Mul(backend, SurvivorLagrange(k)).EqualsPoint(c0))
            {
                throw new ThresholdException(ThresholdError.InvalidShare, k);
            }
        }

        /// <summary>True if the new share is the old one plus the dealt shares (refresh), rather than their sum alone.</summary>
        public bool AddsPrevious
        {
            get { return Protocol == Wire.ProtocolRefresh; }
        }

        /// <summary>The previous share (refresh or survivor), else null.</summary>
        public KeyShare Previous
        {
            get { return _previous; }
        }

        /// <summary>
        /// The joint public key of the result. <paramref name="sumOfConstants"/> is Σ C_k0 over the dealers
        /// with a constant term (null if none). A new key takes that sum; a refresh keeps the old key; a
        /// recovery requires the sum to equal the old key (survivor) or the xpub it was given (lost party).
        /// </summary>
        /// <exception cref="ThresholdException">KeyMismatch when a recovery would produce another key.</exception>
        public Point PublicKey(ISecp256k1Backend backend, Point sumOfConstants)
        {
            if (Protocol == Wire.ProtocolDkg)
            {
                return sumOfConstants;
            }

            if (Protocol == Wire.ProtocolRefresh)
            {
                return _previous.PublicKeyPoint;
            }

            Point expected = _previous != null ? _previous.PublicKeyPoint : _expectedKey;
            if (sumOfConstants == null || !sumOfConstants.EqualsPoint(expected))
            {
                throw new ThresholdException(ThresholdError.KeyMismatch, 0);
            }

            return expected;
        }

        /// <summary>The chain code kept by a refresh or recovery (a new key derives its own).</summary>
        public byte[] KeptChainCode
        {
            get { return _previous != null ? _previous.ChainCode : _expectedChainCode; }
        }

        // λ_k = Π_{m survivor, m ≠ k} m / (m − k): the Lagrange coefficient at 0 over every party but the lost one.
        private Scalar SurvivorLagrange(int k)
        {
            int parties = _previous.Parties;
            Scalar lambda = Scalar.One();
            for (int m = 1; m <= parties; m++)
            {
                if (m != k && m != Lost)
                {
                    lambda = lambda.Mul(Scalar.FromInt(m)).Mul(Scalar.FromInt(m - k).Inverse());
                }
            }

            return lambda;
        }
    }
}
