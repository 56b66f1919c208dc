namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// One party of the 2-of-n distributed key generation (n = 2 or 3) with Feldman commitments,
    /// proofs of knowledge, a jointly random chain code and the pairwise base OTs; also runs key
    /// refresh (constant terms zero, same public key and chain code) and the recovery of a lost
    /// party's share by the others (<see cref="DkgVariant"/>). See README "Distributed key generation".
    /// </summary>
    /// <remarks>
    /// Use: <see cref="Start"/> → send; <see cref="Round2"/>(peers' round-1) → send;
    /// <see cref="Round3"/>(peers' round-2) → send; <see cref="Finish"/>(peers' round-3) → key share.
    /// Each method runs once, in order. Round-2 messages carry a secret polynomial share and must travel
    /// over the encrypted, authenticated channel to their addressee.
    /// Security: any failed check aborts with the culprit, wipes every secret and leaves the party in
    /// <see cref="PartyState.Aborted"/>.
    /// </remarks>
    public sealed class DkgParty : ProtocolParty
    {
        private const int ProofContext = 0x02000000;

        private readonly int _parties;
        private readonly int _me;
        private readonly byte[] _sessionId;
        private readonly IRandomSource _random;
        private readonly DkgVariant _variant;
        private readonly int[] _peers;

        private Scalar _a0;
        private Scalar _a1;
        private readonly IArithmeticBackend _backend;
        private Point _c0;
        private Point _c1;
        private byte[] _chainPart;
        private byte[] _proof;
        private Scalar[] _otSecrets;
        private byte[][] _peerCommit;
        private byte[][] _aliceDelta;
        private byte[][] _aliceSeeds;
        private byte[] _keyId;
        private KeyShare _result;

        /// <summary>Creates party <paramref name="index"/> (1-based) of a new key among <paramref name="parties"/> parties.</summary>
        /// <param name="sessionId">32 bytes, fresh and agreed by all parties (e.g. from the channel handshake).</param>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public DkgParty(int parties, int index, byte[] sessionId, IRandomSource random)
            : this(ManagedArithmeticBackend.Instance, parties, index, sessionId, random, DkgVariant.NewKey())
        {
        }

        /// <summary>As <see cref="DkgParty(int, int, byte[], IRandomSource)"/>, with every curve and multiplication step on <paramref name="backend"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public DkgParty(IArithmeticBackend backend, int parties, int index, byte[] sessionId, IRandomSource random)
            : this(backend, parties, index, sessionId, random, DkgVariant.NewKey())
        {
        }

        private DkgParty(IArithmeticBackend backend, int parties, int index, byte[] sessionId, IRandomSource random, DkgVariant variant)
        {
            if (backend == null || parties < 2 || parties > Params.MaxParties || index < 1 || index > parties || sessionId == null
                || sessionId.Length != Params.SessionIdBytes || random == null)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            _backend = backend;
            _parties = parties;
            _me = index;
            _sessionId = new byte[Params.SessionIdBytes];
            System.Array.Copy(sessionId, 0, _sessionId, 0, Params.SessionIdBytes);
            _random = random;
            _variant = variant;
            _peers = new int[parties - 1];
            int p = 0;
            for (int k = 1; k <= parties; k++)
            {
                if (k != _me)
                {
                    _peers[p++] = k;
                }
            }

            State = PartyState.Created;
        }

        /// <summary>Creates the refresh party for an existing share: same key, new shares, new OT setup.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static DkgParty ForRefresh(KeyShare share, byte[] sessionId, IRandomSource random)
        {
            return ForRefresh(ManagedArithmeticBackend.Instance, share, sessionId, random);
        }

        /// <summary>As <see cref="ForRefresh(KeyShare, byte[], IRandomSource)"/> on <paramref name="backend"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static DkgParty ForRefresh(IArithmeticBackend backend, KeyShare share, byte[] sessionId, IRandomSource random)
        {
            if (share == null)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            return new DkgParty(backend, share.Parties, share.Index, sessionId, random, DkgVariant.Refresh(share));
        }

        /// <summary>
        /// Creates a surviving party's part in rebuilding the share of party <paramref name="lost"/>
        /// (a lost card, phone or provider). Every other party of the key must take part; the lost party
        /// runs <see cref="ForLostParty"/>. All parties end with new shares of the same key; the old
        /// shares, including the lost one wherever it is, no longer sign with the new ones.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters (no such party, the party itself, or too few survivors to reach the threshold).</exception>
        public static DkgParty ForRecovery(KeyShare share, int lost, byte[] sessionId, IRandomSource random)
        {
            return ForRecovery(ManagedArithmeticBackend.Instance, share, lost, sessionId, random);
        }

        /// <summary>As <see cref="ForRecovery(KeyShare, int, byte[], IRandomSource)"/> on <paramref name="backend"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public static DkgParty ForRecovery(IArithmeticBackend backend, KeyShare share, int lost, byte[] sessionId, IRandomSource random)
        {
            if (share == null || lost < 1 || lost > share.Parties || lost == share.Index || share.Parties - 1 < Params.Threshold)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            return new DkgParty(backend, share.Parties, share.Index, sessionId, random, DkgVariant.RecoveryBySurvivor(share, lost));
        }

        /// <summary>
        /// Creates the lost party <paramref name="index"/>'s part in its recovery: it knows only the wallet's
        /// xpub (<paramref name="publicKey"/>, 33 bytes compressed, and <paramref name="chainCode"/>, 32 bytes),
        /// and the run aborts with KeyMismatch unless the survivors rebuild a share of exactly that key.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters or InvalidPoint.</exception>
        public static DkgParty ForLostParty(int parties, int index, byte[] publicKey, byte[] chainCode, byte[] sessionId, IRandomSource random)
        {
            return ForLostParty(ManagedArithmeticBackend.Instance, parties, index, publicKey, chainCode, sessionId, random);
        }

        /// <summary>As <see cref="ForLostParty(int, int, byte[], byte[], byte[], IRandomSource)"/> on <paramref name="backend"/>.</summary>
        /// <exception cref="ThresholdException">InvalidParameters or InvalidPoint.</exception>
        public static DkgParty ForLostParty(IArithmeticBackend backend, int parties, int index, byte[] publicKey, byte[] chainCode, byte[] sessionId, IRandomSource random)
        {
            if (parties - 1 < Params.Threshold || publicKey == null || publicKey.Length != Params.PointBytes
                || chainCode == null || chainCode.Length != 32)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            Point key = Point.Decode(backend, publicKey, 0);
            if (key == null)
            {
                throw new ThresholdException(ThresholdError.InvalidPoint, 0);
            }

            byte[] chain = new byte[32];
            System.Array.Copy(chainCode, 0, chain, 0, 32);
            return new DkgParty(backend, parties, index, sessionId, random, DkgVariant.RecoveryOfLost(index, key, chain));
        }

        // Round 2 from party k: [C_k0] ‖ C_k1 ‖ [chain-code part ‖ proof] ‖ share ‖ base-OT receiver points.
        private int Round2BodyBytes(int k)
        {
            int open = (_variant.SendsConstant(k) ? 2 : 1) * Params.PointBytes;
            if (_variant.IsNewKey)
            {
                open += 32 + SchnorrProof.Bytes;
            }

            return open + Params.ScalarBytes + BaseOt.ReceiverMessageBytes;
        }

        private const int Round3BodyBytes = 32 + BaseOt.ConfirmationBytes;

        /// <summary>Round 1: one message per peer (commitment and base-OT sender key), in peer index order.</summary>
        public byte[][] Start()
        {
            Enter(PartyState.Created);
            try
            {
                _a0 = _variant.ConstantTerm(_me, _random);
                _a1 = Scalar.Random(_random);
                _c1 = Point.MulBase(_backend, _a1);
                Ro commitment = new Ro(_backend, Tags.DkgCommit).Add(_sessionId).AddInt(_me);
                if (_variant.SendsConstant(_me))
                {
                    _c0 = Point.MulBase(_backend, _a0);
                    commitment.Add(_c0);
                }

                commitment.Add(_c1);
                if (_variant.IsNewKey)
                {
                    _chainPart = new byte[32];
                    _random.Fill(_chainPart, 0, 32);
                    _proof = new byte[SchnorrProof.Bytes];
                    SchnorrProof.Prove(_backend, _sessionId, ProofContext | _me, _a0, _c0, _random, _proof, 0);
                    commitment.Add(_chainPart).Add(_proof);
                }

                byte[] commit = commitment.Finish();

                _otSecrets = new Scalar[_peers.Length];
                byte[][] outbox = new byte[_peers.Length][];
                for (int p = 0; p < _peers.Length; p++)
                {
                    WireWriter w = Wire.Begin(_variant.Protocol, 1, _me, _peers[p], _sessionId, 32 + BaseOt.SenderMessageBytes);
                    w.Write(commit);
                    int at = w.Skip(BaseOt.SenderMessageBytes);
                    _otSecrets[p] = BaseOt.SenderStart(_backend, _sessionId, _me, _peers[p], _random, w.Buffer, at);
                    outbox[p] = w.Finish();
                }

                State = PartyState.Round1Sent;
                return outbox;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>Round 2: consumes the peers' round-1 messages; returns one message per peer (openings, share, base-OT points).</summary>
        /// <exception cref="ThresholdException">On any failed check; the party is then aborted.</exception>
        public byte[][] Round2(byte[][] inbox)
        {
            Enter(PartyState.Round1Sent);
            try
            {
                byte[][] sorted = Inbox.Sort(inbox, _peers);
                _peerCommit = new byte[_peers.Length][];
                _aliceDelta = new byte[_peers.Length][];
                _aliceSeeds = new byte[_peers.Length][];
                byte[][] outbox = new byte[_peers.Length][];
                for (int p = 0; p < _peers.Length; p++)
                {
                    int j = _peers[p];
                    WireReader r = Wire.Open(sorted[p], _variant.Protocol, 1, j, _me, _sessionId, 32 + BaseOt.SenderMessageBytes);
                    _peerCommit[p] = r.ReadBytes(32);
                    int otAt = r.Take(BaseOt.SenderMessageBytes);
                    r.End();

                    WireWriter w = Wire.Begin(_variant.Protocol, 2, _me, j, _sessionId, Round2BodyBytes(_me));
                    if (_variant.SendsConstant(_me))
                    {
                        w.Write(Encode(_c0));
                    }

                    w.Write(Encode(_c1));
                    if (_variant.IsNewKey)
                    {
                        w.Write(_chainPart);
                        w.Write(_proof);
                    }

                    Scalar share = Evaluate(j);
                    int shareAt = w.Skip(Params.ScalarBytes);
                    share.WriteTo(w.Buffer, shareAt);
                    share.Clear();
                    _aliceDelta[p] = new byte[Params.RowBytes];
                    _aliceSeeds[p] = new byte[Params.OtWidth * Params.SeedBytes];
                    int aAt = w.Skip(BaseOt.ReceiverMessageBytes);
                    BaseOt.Receive(_backend, _sessionId, j, _me, r.Buffer, otAt, _random, _aliceDelta[p], _aliceSeeds[p], w.Buffer, aAt);
                    outbox[p] = w.Finish();
                }

                State = PartyState.Round2Sent;
                return outbox;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>Round 3: consumes the peers' round-2 messages, verifies them and returns the confirmation (key id) per peer.</summary>
        /// <exception cref="ThresholdException">On any failed check; the party is then aborted.</exception>
        public byte[][] Round3(byte[][] inbox)
        {
            Enter(PartyState.Round2Sent);
            Scalar secret = null;
            try
            {
                byte[][] sorted = Inbox.Sort(inbox, _peers);
                Point[] allC0 = new Point[_parties];
                Point[] allC1 = new Point[_parties];
                byte[][] allChain = new byte[_parties][];
                allC0[_me - 1] = _c0;
                allC1[_me - 1] = _c1;
                allChain[_me - 1] = _chainPart;
                secret = Evaluate(_me);
                PairSetup[] pairs = new PairSetup[_peers.Length];
                for (int p = 0; p < _peers.Length; p++)
                {
                    int j = _peers[p];
                    WireReader r = Wire.Open(sorted[p], _variant.Protocol, 2, j, _me, _sessionId, Round2BodyBytes(j));
                    Point pc0 = _variant.SendsConstant(j) ? r.ReadPoint(_backend) : null;
                    Point pc1 = r.ReadPoint(_backend);
                    Ro commitment = new Ro(_backend, Tags.DkgCommit).Add(_sessionId).AddInt(j);
                    if (pc0 != null)
                    {
                        commitment.Add(pc0);
                    }

                    commitment.Add(pc1);
                    int proofAt = 0;
                    if (_variant.IsNewKey)
                    {
                        allChain[j - 1] = r.ReadBytes(32);
                        proofAt = r.Take(SchnorrProof.Bytes);
                        commitment.Add(allChain[j - 1]).Add(r.Buffer, proofAt, SchnorrProof.Bytes);
                    }

                    if (!ConstantTime.AreEqual(commitment.Finish(), 0, _peerCommit[p], 0, 32))
                    {
                        throw new ThresholdException(ThresholdError.CommitmentMismatch, j);
                    }

                    if (_variant.IsNewKey && !SchnorrProof.Verify(_backend, _sessionId, ProofContext | j, pc0, r.Buffer, proofAt))
                    {
                        throw new ThresholdException(ThresholdError.InvalidProof, j);
                    }

                    if (pc0 != null)
                    {
                        _variant.CheckConstant(_backend, j, pc0);
                    }

                    Scalar share = r.ReadScalar();
                    int aAt = r.Take(BaseOt.ReceiverMessageBytes);
                    r.End();

                    // Feldman: f_j(me)·G = C_j0 + me·C_j1.
                    Point expected = pc1.Mul(_backend, Scalar.FromInt(_me));
                    if (pc0 != null)
                    {
                        expected = expected.Add(_backend, pc0);
                    }

                    if (!Point.MulBase(_backend, share).EqualsPoint(expected))
                    {
                        share.Clear();
                        throw new ThresholdException(ThresholdError.InvalidShare, j);
                    }

                    secret.SetAdd(secret, share);
                    share.Clear();
                    allC0[j - 1] = pc0;
                    allC1[j - 1] = pc1;

                    byte[] seeds0 = new byte[Params.OtWidth * Params.SeedBytes];
                    byte[] seeds1 = new byte[Params.OtWidth * Params.SeedBytes];
                    BaseOt.SenderFinish(_backend, _sessionId, _me, j, _otSecrets[p], r.Buffer, aAt, seeds0, seeds1);
                    pairs[p] = new PairSetup(j, seeds0, seeds1, _aliceDelta[p], _aliceSeeds[p]);
                }

                _result = Assemble(secret, allC0, allC1, allChain, pairs);
                secret = null;
                byte[][] outbox = new byte[_peers.Length][];
                for (int p = 0; p < _peers.Length; p++)
                {
                    WireWriter w = Wire.Begin(_variant.Protocol, 3, _me, _peers[p], _sessionId, Round3BodyBytes);
                    w.Write(_keyId);
                    BaseOt.Confirm(_backend, _sessionId, _me, _peers[p], pairs[p].BobSeeds0, pairs[p].BobSeeds1, w.Buffer, w.Skip(BaseOt.ConfirmationBytes));
                    outbox[p] = w.Finish();
                }

                WipeRoundSecrets();
                State = PartyState.Round3Sent;
                return outbox;
            }
            catch (ThresholdException e)
            {
                if (secret != null)
                {
                    secret.Clear();
                }

                throw Abort(e);
            }
        }

        /// <summary>Consumes the peers' confirmations and returns the key share once every party saw the same transcript.</summary>
        /// <exception cref="ThresholdException">TranscriptMismatch (culprit: the disagreeing peer) and message errors.</exception>
        public KeyShare Finish(byte[][] inbox)
        {
            Enter(PartyState.Round3Sent);
            try
            {
                byte[][] sorted = Inbox.Sort(inbox, _peers);
                for (int p = 0; p < _peers.Length; p++)
                {
                    WireReader r = Wire.Open(sorted[p], _variant.Protocol, 3, _peers[p], _me, _sessionId, Round3BodyBytes);
                    int at = r.Take(32);
                    int confirmationAt = r.Take(BaseOt.ConfirmationBytes);
                    r.End();
                    if (!ConstantTime.AreEqual(_keyId, 0, r.Buffer, at, 32))
                    {
                        throw new ThresholdException(ThresholdError.TranscriptMismatch, _peers[p]);
                    }

                    PairSetup pair = _result.Pair(_peers[p]);
                    if (!BaseOt.CheckConfirmation(_backend, _sessionId, _peers[p], _me, pair.AliceDelta, pair.AliceSeeds, r.Buffer, confirmationAt))
                    {
                        throw new ThresholdException(ThresholdError.BaseOtCheckFailed, _peers[p]);
                    }
                }

                KeyShare share = _result;
                _result = null;
                State = PartyState.Done;
                return share;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        private KeyShare Assemble(Scalar secret, Point[] allC0, Point[] allC1, byte[][] allChain, PairSetup[] pairs)
        {
            Point sumOfConstants = null;
            for (int i = 0; i < _parties; i++)
            {
                if (allC0[i] != null)
                {
                    sumOfConstants = sumOfConstants == null ? allC0[i] : sumOfConstants.Add(_backend, allC0[i]);
                }
            }

            // A KeyMismatch here leaves secret to Round3's handler, which wipes it.
            Point publicKey = _variant.PublicKey(_backend, sumOfConstants);
            byte[] chainCode;
            if (_variant.IsNewKey)
            {
                Ro chain = new Ro(_backend, Tags.ChainCode).Add(_sessionId);
                for (int i = 0; i < _parties; i++)
                {
                    chain.Add(allChain[i]);
                }

                chainCode = chain.Finish();
            }
            else
            {
                chainCode = _variant.KeptChainCode;
            }

            if (_variant.AddsPrevious)
            {
                Scalar sum = secret.Add(_variant.Previous.Secret);
                secret.Clear();
                secret = sum;
            }

            // X_k = Σ_i (C_i0 + k·C_i1), plus the old X_k for a refresh.
            Point[] shares = new Point[_parties];
            for (int k = 1; k <= _parties; k++)
            {
                Scalar kk = Scalar.FromInt(k);
                Point x = null;
                for (int i = 0; i < _parties; i++)
                {
                    Point term = allC1[i].Mul(_backend, kk);
                    if (allC0[i] != null)
                    {
                        term = term.Add(_backend, allC0[i]);
                    }

                    x = x == null ? term : x.Add(_backend, term);
                }

                shares[k - 1] = _variant.AddsPrevious ? x.Add(_backend, _variant.Previous.PublicShare(k)) : x;
                if (shares[k - 1].IsInfinity)
                {
                    secret.Clear();
                    throw new ThresholdException(ThresholdError.InvalidShare, 0);
                }
            }

            if (publicKey.IsInfinity || !shares[_me - 1].EqualsPoint(Point.MulBase(_backend, secret)))
            {
                secret.Clear();
                throw new ThresholdException(ThresholdError.InvalidShare, 0);
            }

            Ro id = new Ro(_backend, Tags.KeyId).Add(_sessionId).AddInt(_parties).Add(publicKey).Add(chainCode);
            if (_variant.Lost != 0)
            {
                id.AddInt(_variant.Lost);
            }

            for (int i = 0; i < _parties; i++)
            {
                if (allC0[i] != null)
                {
                    id.Add(allC0[i]);
                }

                if (_variant.IsNewKey)
                {
                    id.Add(allChain[i]);
                }

                id.Add(allC1[i]);
            }

            _keyId = id.Finish();
            return new KeyShare(_parties, _me, _keyId, secret, publicKey, chainCode, shares, pairs);
        }

        private Scalar Evaluate(int x)
        {
            return Scalar.MulAdd(_a1, Scalar.FromInt(x), _a0);
        }

        private static byte[] Encode(Point p)
        {
            byte[] b = new byte[Params.PointBytes];
            p.WriteTo(b, 0);
            return b;
        }

        /// <inheritdoc />
        protected override void WipeSecrets()
        {
            WipeRoundSecrets();
            if (_aliceDelta != null)
            {
                for (int p = 0; p < _aliceDelta.Length; p++)
                {
                    Wipe.Bytes(_aliceDelta[p]);
                    Wipe.Bytes(_aliceSeeds[p]);
                }
            }

            if (_result != null)
            {
                _result.Clear();
                _result = null;
            }
        }

        private void WipeRoundSecrets()
        {
            if (_a0 != null)
            {
                _a0.Clear();
            }

            if (_a1 != null)
            {
                _a1.Clear();
            }

            if (_otSecrets != null)
            {
                for (int p = 0; p < _otSecrets.Length; p++)
                {
                    if (_otSecrets[p] != null)
                    {
                        _otSecrets[p].Clear();
                    }
                }
            }
        }
    }
}
