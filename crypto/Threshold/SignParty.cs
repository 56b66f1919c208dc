using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// One signer of DKLs23's three-round threshold ECDSA (ePrint 2023/765, Protocol 3.6) for a
    /// pair of signers holding shares of a 2-of-n key, optionally under a BIP-32 child key.
    /// Rounds 1 and 2 do not depend on the message (presigning); round 3 needs only its hash.
    /// </summary>
    /// <remarks>
    /// Use: <see cref="Start"/> → send; <see cref="Round2"/>(peer's round-1) → send;
    /// <see cref="Presign"/>(peer's round-2); <see cref="SignHash"/>(32-byte hash) → send;
    /// <see cref="Combine"/>(peer's round-3) → 64-byte signature r ‖ s (low-S, verified).
    /// Each method runs once, in order; a presignature signs exactly one hash.
    /// Security: nonce, inversion mask, effective share and multiplication shares are wiped after use and on
    /// every abort; the party then stays <see cref="PartyState.Aborted"/> with a reason and culprit.
    /// </remarks>
    public sealed partial class SignParty : ProtocolParty
    {
        private const int Round1Body = 32 + 32 + Rvole.BobMessageBytes;
        private const int Round2Body = Params.PointBytes + Rvole.AliceMessageBytes + (2 * Params.PointBytes) + Params.ScalarBytes;
        private const int Round3Body = 2 * Params.ScalarBytes;

        private readonly IArithmeticBackend _backend;
        private readonly KeyShare _share;
        private readonly int _me;
        private readonly int _peer;
        private readonly int[] _peers;
        private readonly byte[] _sessionId;
        private HedgedRandom _random;
        private readonly Point _childKey;
        private readonly Point _peerPublic;

        private Scalar _secret;
        private Scalar _nonce;
        private Point _nonceCommitment;
        private Scalar _phi;
        private byte[] _peerCommit;
        private RvoleBob _bob;
        private Scalar[] _aliceShares;
        private Scalar _u;
        private Scalar _v;
        private Scalar _rx;
        private Scalar _w;

        // The multiplication rounds' scratch (the extension columns, 14,592 bytes): allocated once per run,
        // wiped by the round that used it and on abort.
        private byte[] _work;

        /// <summary>
        /// Creates the signer for <paramref name="share"/> with the signer pair <paramref name="signers"/>
        /// (two distinct indices including this party), the 32-byte session id both signers fixed together
        /// (<see cref="JointSessionId.ForSigning"/>), and a non-hardened BIP-32 <paramref name="path"/> (null for
        /// the root key). Its secrets are drawn as with <see cref="SignParty(KeyShare, int[], byte[], uint[], byte[], IRandomSource)"/>
        /// without extra data.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public SignParty(KeyShare share, int[] signers, byte[] sessionId, uint[] path, IRandomSource random)
            : this(ManagedArithmeticBackend.Instance, share, signers, sessionId, path, null, random)
        {
        }

        /// <summary>As <see cref="SignParty(IArithmeticBackend, KeyShare, int[], byte[], uint[], byte[], IRandomSource)"/> with the managed backend.</summary>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public SignParty(KeyShare share, int[] signers, byte[] sessionId, uint[] path, byte[] extra, IRandomSource random)
            : this(ManagedArithmeticBackend.Instance, share, signers, sessionId, path, extra, random)
        {
        }

        /// <summary>
        /// Creates the signer as above, hedging every secret it draws (nonce, inversion mask φ, OT-extension
        /// choice bits, RVOLE check mask) as in RFC 6979 §3.6: they come from an HMAC-DRBG keyed with this
        /// party's effective share, the session id and <paramref name="extra"/> (the message hash when it is
        /// known before presigning; may be null), personalised with fresh bytes from <paramref name="random"/>.
        /// </summary>
        /// <remarks>Security: a failed or predictable <paramref name="random"/> then neither repeats a nonce across
        /// two session ids or messages nor lets anyone without the share predict it.</remarks>
        /// <param name="backend">The arithmetic every multiplication round runs on (managed reference or the native module).</param>
        /// <exception cref="ThresholdException">InvalidParameters.</exception>
        public SignParty(IArithmeticBackend backend, KeyShare share, int[] signers, byte[] sessionId, uint[] path, byte[] extra, IRandomSource random)
        {
            if (backend == null || share == null || signers == null || signers.Length != 2 || sessionId == null
                || sessionId.Length != Params.SessionIdBytes || random == null)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            _me = share.Index;
            if (signers[0] == _me)
            {
                _peer = signers[1];
            }
            else if (signers[1] == _me)
            {
                _peer = signers[0];
            }
            else
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            if (_peer < 1 || _peer > share.Parties || _peer == _me)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            _backend = backend;
            _share = share;
            _peers = new int[] { _peer };
            _sessionId = new byte[Params.SessionIdBytes];
            System.Array.Copy(sessionId, 0, _sessionId, 0, Params.SessionIdBytes);

            ChildDerivation child = ChildDerivation.Derive(backend, share.PublicKeyPoint, share.ChainCode, path);
            _childKey = child.PublicKey;

            // Lagrange coefficients of the pair at 0 (Shamir degree 1): λ_me = peer/(peer − me).
            Scalar lambdaMe = Scalar.FromInt(_peer).Mul(Scalar.FromInt(_peer - _me).Inverse(backend));
            Scalar lambdaPeer = Scalar.FromInt(_me).Mul(Scalar.FromInt(_me - _peer).Inverse(backend));
            _secret = Scalar.MulSum(lambdaMe, share.Secret, lambdaMe, child.Tweak);
            _peerPublic = share.PublicShare(_peer).Add(backend, Point.MulBase(backend, child.Tweak)).Mul(backend, lambdaPeer);
            child.Tweak.Clear();
            _random = HedgedRandom.ForSigner(backend, _secret, _sessionId, extra, random);
            State = PartyState.Created;
        }

        /// <summary>The (child) public key the signature will verify under, 33-byte compressed.</summary>
        public byte[] PublicKey()
        {
            byte[] b = new byte[Params.PointBytes];
            _childKey.WriteTo(b, 0);
            return b;
        }

        /// <summary>Round 1 (presign): key id, nonce commitment and the RVOLE message where this party is Bob.</summary>
        public byte[][] Start()
        {
            Enter(PartyState.Created);
            try
            {
                _nonce = Scalar.Random(_random);
                _phi = Scalar.Random(_random);
                _nonceCommitment = Point.MulBase(_backend, _nonce);
                WireWriter wr = Wire.Begin(Wire.ProtocolSign, 1, _me, _peer, _sessionId, Round1Body);
                wr.Write(_share.KeyId);
                wr.Write(new Ro(_backend, Tags.SignCommit).Add(_sessionId).AddInt(_me).Add(_nonceCommitment).Finish());
                int at = wr.Skip(Rvole.BobMessageBytes);
                PairSetup pair = _share.Pair(_peer);
                _work = new byte[Rvole.WorkBytes];
                _bob = Rvole.Start(_backend, pair.BobSeeds0, pair.BobSeeds1, _sessionId, _me, _peer, _random, _work, wr.Buffer, at);
                State = PartyState.Round1Sent;
                return new byte[][] { wr.Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>Round 2 (presign): answers the peer's RVOLE as Alice with (nonce, share) and sends R_i, Γ^u, Γ^v, ψ.</summary>
        /// <exception cref="ThresholdException">KeyMismatch, OtExtensionCheckFailed and message errors; the party aborts.</exception>
        public byte[][] Round2(byte[][] inbox)
        {
            Enter(PartyState.Round1Sent);
            try
            {
                WireReader r = Open(inbox, 1, Round1Body);
                return new byte[][] { Round2(r, Wire.Begin(Wire.ProtocolSign, 2, _me, _peer, _sessionId, Round2Body)).Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>
        /// As <see cref="Round2(byte[][])"/> for the peer's round-1 message held in the <paramref name="length"/> bytes of
        /// <paramref name="buffer"/> at <paramref name="offset"/>, read in place (nothing is written to it).
        /// </summary>
        /// <exception cref="ThresholdException">KeyMismatch, OtExtensionCheckFailed and message errors; the party aborts.</exception>
        public byte[][] Round2(byte[] buffer, int offset, int length)
        {
            Enter(PartyState.Round1Sent);
            try
            {
                WireReader r = Wire.Open(buffer, offset, length, Wire.ProtocolSign, 1, _peer, _me, _sessionId, Round1Body);
                return new byte[][] { Round2(r, Wire.Begin(Wire.ProtocolSign, 2, _me, _peer, _sessionId, Round2Body)).Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>
        /// As <see cref="Round2(byte[], int, int)"/>, writing this party's round-2 message into <paramref name="output"/> at
        /// <paramref name="outputOffset"/> (at most <paramref name="outputCapacity"/> bytes free) instead of a new array;
        /// returns its length. The card writes the 40 KB message where the channel encrypts it.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters when the message does not fit; otherwise as <see cref="Round2(byte[][])"/>.</exception>
        public int Round2(byte[] buffer, int offset, int length, byte[] output, int outputOffset, int outputCapacity)
        {
            Enter(PartyState.Round1Sent);
            try
            {
                WireReader r = Wire.Open(buffer, offset, length, Wire.ProtocolSign, 1, _peer, _me, _sessionId, Round1Body);
                Round2(r, Wire.Begin(output, outputOffset, outputCapacity, Wire.ProtocolSign, 2, _me, _peer, _sessionId, Round2Body)).Finish();
                return Wire.HeaderBytes + Round2Body;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>Reads the peer's round-1 body: checks the key id, keeps the nonce commitment and returns where Bob's RVOLE message starts.</summary>
        private int ReadRound1(WireReader r)
        {
            int keyAt = r.Take(32);
            if (!ConstantTime.AreEqual(_share.KeyId, 0, r.Buffer, keyAt, 32))
            {
                throw new ThresholdException(ThresholdError.KeyMismatch, _peer);
            }

            _peerCommit = r.ReadBytes(32);
            int bobAt = r.Take(Rvole.BobMessageBytes);
            r.End();
            return bobAt;
        }

        private WireWriter Round2(WireReader r, WireWriter wr)
        {
            byte[] message = r.Buffer;
            int bobAt = ReadRound1(r);
            _nonceCommitment.WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
            int aliceAt = wr.Skip(Rvole.AliceMessageBytes);
            PairSetup pair = _share.Pair(_peer);
            _aliceShares = Rvole.Respond(_backend, pair.AliceDelta, pair.AliceSeeds, _sessionId, _peer, _me, _nonce, _secret, _random, message, bobAt, _work, wr.Buffer, aliceAt);
            Point.MulBase(_backend, _aliceShares[0]).WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
            Point.MulBase(_backend, _aliceShares[1]).WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
            Scalar psi = _phi.Sub(_bob.B);
            psi.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
            psi.Clear();
            State = PartyState.Round2Sent;
            return wr;
        }

        /// <summary>
        /// Completes presigning: checks the nonce opening, the RVOLE check and DKLs23's consistency checks,
        /// then keeps only the presignature (φ, u, v, r).
        /// </summary>
        /// <exception cref="ThresholdException">CommitmentMismatch, MultiplicationCheckFailed, ConsistencyCheckFailed and message errors.</exception>
        public void Presign(byte[][] inbox)
        {
            Enter(PartyState.Round2Sent);
            try
            {
                Presign(Open(inbox, 2, Round2Body));
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>
        /// As <see cref="Presign(byte[][])"/> for the peer's round-2 message held in the <paramref name="length"/> bytes of
        /// <paramref name="buffer"/> at <paramref name="offset"/>, read in place (nothing is written to it).
        /// </summary>
        /// <exception cref="ThresholdException">CommitmentMismatch, MultiplicationCheckFailed, ConsistencyCheckFailed and message errors.</exception>
        public void Presign(byte[] buffer, int offset, int length)
        {
            Enter(PartyState.Round2Sent);
            try
            {
                Presign(Wire.Open(buffer, offset, length, Wire.ProtocolSign, 2, _peer, _me, _sessionId, Round2Body));
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        private void Presign(WireReader r)
        {
            Scalar[] d = null;
            try
            {
                byte[] message = r.Buffer;
                Point peerNonce = r.ReadPoint(_backend);
                byte[] opened = new Ro(_backend, Tags.SignCommit).Add(_sessionId).AddInt(_peer).Add(peerNonce).Finish();
                if (!ConstantTime.AreEqual(opened, 0, _peerCommit, 0, 32))
                {
                    throw new ThresholdException(ThresholdError.CommitmentMismatch, _peer);
                }

                int aliceAt = r.Take(Rvole.AliceMessageBytes);
                Point gammaU = r.ReadPoint(_backend);
                Point gammaV = r.ReadPoint(_backend);
                Scalar psi = r.ReadScalar();
                r.End();

                d = _bob.Finish(message, aliceAt, _work);
                Scalar chi = _bob.B;

                // DKLs23 Protocol 3.6, round 3: χ·R_j − Γ^u_j = d_u·G and χ·pk_j − Γ^v_j = d_v·G.
                bool nonceOk = peerNonce.Mul(_backend, chi).Sub(_backend, gammaU).EqualsPoint(Point.MulBase(_backend, d[0]));
                bool keyOk = _peerPublic.Mul(_backend, chi).Sub(_backend, gammaV).EqualsPoint(Point.MulBase(_backend, d[1]));
                if (!(nonceOk & keyOk))
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, _peer);
                }

                Point bigR = _nonceCommitment.Add(_backend, peerNonce);
                if (bigR.IsInfinity)
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, _peer);
                }

                _rx = bigR.XModOrder(_backend);
                if (_rx.IsZero)
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, _peer);
                }

                Scalar mask = _phi.Add(psi);
                _u = Scalar.MulAdd(_nonce, mask, _aliceShares[0]);
                _u.SetAdd(_u, d[0]);
                _v = Scalar.MulAdd(_secret, mask, _aliceShares[1]);
                _v.SetAdd(_v, d[1]);
                mask.Clear();
                ClearPresignInputs();
                State = PartyState.Presigned;
            }
            finally
            {
                if (d != null)
                {
                    d[0].Clear();
                    d[1].Clear();
                }
            }
        }

        /// <summary>Round 3 (online): signs the 32-byte message hash; sends u_i and w_i = H(m)·φ_i + r·v_i.</summary>
        /// <exception cref="ThresholdException">InvalidParameters for a bad hash; InvalidState if already used.</exception>
        public byte[][] SignHash(byte[] messageHash)
        {
            Enter(PartyState.Presigned);
            try
            {
                if (messageHash == null || messageHash.Length != 32)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                Scalar e = Scalar.FromBytesReduced(messageHash, 0);
                _w = Scalar.MulSum(e, _phi, _rx, _v);
                _phi.Clear();
                _v.Clear();
                WireWriter wr = Wire.Begin(Wire.ProtocolSign, 3, _me, _peer, _sessionId, Round3Body);
                _u.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
                _w.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
                _messageHash = new byte[32];
                System.Array.Copy(messageHash, 0, _messageHash, 0, 32);
                State = PartyState.Round3Sent;
                return new byte[][] { wr.Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        private byte[] _messageHash;

        /// <summary>
        /// Combines the peer's round-3 message into the signature r ‖ s (32 + 32 bytes, big-endian, low-S),
        /// released only after it verifies under <see cref="PublicKey"/>.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidSignature (culprit: the peer) and message errors.</exception>
        public byte[] Combine(byte[][] inbox)
        {
            Enter(PartyState.Round3Sent);
            try
            {
                WireReader r = Open(inbox, 3, Round3Body);
                Scalar peerU = r.ReadScalar();
                Scalar peerW = r.ReadScalar();
                r.End();
                Scalar total = _u.Add(peerU);
                if (total.IsZero)
                {
                    throw new ThresholdException(ThresholdError.InvalidSignature, _peer);
                }

                Scalar s = _w.Add(peerW).Mul(total.Inverse(_backend));
                if (s.IsHigh)
                {
                    s = s.Negate();
                }

                byte[] signature = new byte[64];
                _rx.WriteTo(signature, 0);
                s.WriteTo(signature, 32);
                if (!new Ecdsa(_backend).Verify(PublicKey(), _messageHash, signature, true))
                {
                    throw new ThresholdException(ThresholdError.InvalidSignature, _peer);
                }

                _u.Clear();
                _w.Clear();
                State = PartyState.Done;
                return signature;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>The peer's one message of <paramref name="round"/> in <paramref name="inbox"/>, header checked.</summary>
        private WireReader Open(byte[][] inbox, int round, int bodyLength)
        {
            return Wire.Open(Inbox.Sort(inbox, _peers)[0], Wire.ProtocolSign, round, _peer, _me, _sessionId, bodyLength);
        }

        /// <inheritdoc />
        protected override void WipeSecrets()
        {
            ClearPresignInputs();
            ClearScalar(_phi);
            ClearScalar(_u);
            ClearScalar(_v);
            ClearScalar(_w);
        }

        private void ClearPresignInputs()
        {
            if (_random != null)
            {
                _random.Dispose();
                _random = null;
            }

            ClearScalar(_nonce);
            ClearScalar(_secret);
            if (_bob != null)
            {
                _bob.Clear();
                _bob.B.Clear();
            }

            if (_aliceStream != null)
            {
                _aliceStream.Clear();
                _aliceStream = null;
            }

            if (_aliceShares != null)
            {
                _aliceShares[0].Clear();
                _aliceShares[1].Clear();
            }

            if (_work != null)
            {
                Wipe.Bytes(_work);
                _work = null;
            }
        }

        private static void ClearScalar(Scalar s)
        {
            if (s != null)
            {
                s.Clear();
            }
        }
    }
}
