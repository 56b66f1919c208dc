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
    public sealed class SignParty : ProtocolParty
    {
        private const int Round1Body = 32 + 32 + Rvole.BobMessageBytes;
        private const int Round2Body = Params.PointBytes + Rvole.AliceMessageBytes + (2 * Params.PointBytes) + Params.ScalarBytes;
        private const int Round3Body = 2 * Params.ScalarBytes;

        private readonly IArithmeticBackend backend;
        private readonly KeyShare share;
        private readonly int me;
        private readonly int peer;
        private readonly int[] peers;
        private readonly byte[] sessionId;
        private HedgedRandom random;
        private readonly Point childKey;
        private readonly Point peerPublic;

        private Scalar secret;
        private Scalar nonce;
        private Point nonceCommitment;
        private Scalar phi;
        private byte[] peerCommit;
        private RvoleBob bob;
        private Scalar[] aliceShares;
        private Scalar u;
        private Scalar v;
        private Scalar rx;
        private Scalar w;

        // The multiplication rounds' scratch (the extension columns, 14,592 bytes): allocated once per run,
        // wiped by the round that used it and on abort.
        private byte[] work;

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

            me = share.Index;
            if (signers[0] == me)
            {
                peer = signers[1];
            }
            else if (signers[1] == me)
            {
                peer = signers[0];
            }
            else
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            if (peer < 1 || peer > share.Parties || peer == me)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, 0);
            }

            this.backend = backend;
            this.share = share;
            peers = new int[] { peer };
            this.sessionId = new byte[Params.SessionIdBytes];
            System.Array.Copy(sessionId, 0, this.sessionId, 0, Params.SessionIdBytes);

            ChildDerivation child = ChildDerivation.Derive(backend, share.PublicKeyPoint, share.ChainCode, path);
            childKey = child.PublicKey;

            // Lagrange coefficients of the pair at 0 (Shamir degree 1): λ_me = peer/(peer − me).
            Scalar lambdaMe = Scalar.FromInt(peer).Mul(Scalar.FromInt(peer - me).Inverse(backend));
            Scalar lambdaPeer = Scalar.FromInt(me).Mul(Scalar.FromInt(me - peer).Inverse(backend));
            secret = Scalar.MulSum(lambdaMe, share.Secret, lambdaMe, child.Tweak);
            peerPublic = share.PublicShare(peer).Add(backend, Point.MulBase(backend, child.Tweak)).Mul(backend, lambdaPeer);
            child.Tweak.Clear();
            this.random = HedgedRandom.ForSigner(backend, secret, this.sessionId, extra, random);
            State = PartyState.Created;
        }

        /// <summary>The (child) public key the signature will verify under, 33-byte compressed.</summary>
        public byte[] PublicKey()
        {
            byte[] b = new byte[Params.PointBytes];
            childKey.WriteTo(b, 0);
            return b;
        }

        /// <summary>Round 1 (presign): key id, nonce commitment and the RVOLE message where this party is Bob.</summary>
        public byte[][] Start()
        {
            Enter(PartyState.Created);
            try
            {
                nonce = Scalar.Random(random);
                phi = Scalar.Random(random);
                nonceCommitment = Point.MulBase(backend, nonce);
                WireWriter wr = Wire.Begin(Wire.ProtocolSign, 1, me, peer, sessionId, Round1Body);
                wr.Write(share.KeyId);
                wr.Write(new Ro(Tags.SignCommit).Add(sessionId).AddInt(me).Add(nonceCommitment).Finish());
                int at = wr.Skip(Rvole.BobMessageBytes);
                PairSetup pair = share.Pair(peer);
                work = new byte[Rvole.WorkBytes];
                bob = Rvole.Start(backend, pair.BobSeeds0, pair.BobSeeds1, sessionId, me, peer, random, work, wr.Buffer, at);
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
                byte[] message = Inbox.Sort(inbox, peers)[0];
                WireReader r = Wire.Open(message, Wire.ProtocolSign, 1, peer, me, sessionId, Round1Body);
                int keyAt = r.Take(32);
                if (!ConstantTime.AreEqual(share.KeyId, 0, message, keyAt, 32))
                {
                    throw new ThresholdException(ThresholdError.KeyMismatch, peer);
                }

                peerCommit = r.ReadBytes(32);
                int bobAt = r.Take(Rvole.BobMessageBytes);
                r.End();

                WireWriter wr = Wire.Begin(Wire.ProtocolSign, 2, me, peer, sessionId, Round2Body);
                nonceCommitment.WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
                int aliceAt = wr.Skip(Rvole.AliceMessageBytes);
                PairSetup pair = share.Pair(peer);
                aliceShares = Rvole.Respond(backend, pair.AliceDelta, pair.AliceSeeds, sessionId, peer, me, nonce, secret, random, message, bobAt, work, wr.Buffer, aliceAt);
                Point.MulBase(backend, aliceShares[0]).WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
                Point.MulBase(backend, aliceShares[1]).WriteTo(wr.Buffer, wr.Skip(Params.PointBytes));
                Scalar psi = phi.Sub(bob.B);
                psi.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
                psi.Clear();
                State = PartyState.Round2Sent;
                return new byte[][] { wr.Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>
        /// Completes presigning: checks the nonce opening, the RVOLE check and DKLs23's consistency checks,
        /// then keeps only the presignature (φ, u, v, r).
        /// </summary>
        /// <exception cref="ThresholdException">CommitmentMismatch, MultiplicationCheckFailed, ConsistencyCheckFailed and message errors.</exception>
        public void Presign(byte[][] inbox)
        {
            Enter(PartyState.Round2Sent);
            Scalar[] d = null;
            try
            {
                byte[] message = Inbox.Sort(inbox, peers)[0];
                WireReader r = Wire.Open(message, Wire.ProtocolSign, 2, peer, me, sessionId, Round2Body);
                Point peerNonce = r.ReadPoint(backend);
                byte[] opened = new Ro(Tags.SignCommit).Add(sessionId).AddInt(peer).Add(peerNonce).Finish();
                if (!ConstantTime.AreEqual(opened, 0, peerCommit, 0, 32))
                {
                    throw new ThresholdException(ThresholdError.CommitmentMismatch, peer);
                }

                int aliceAt = r.Take(Rvole.AliceMessageBytes);
                Point gammaU = r.ReadPoint(backend);
                Point gammaV = r.ReadPoint(backend);
                Scalar psi = r.ReadScalar();
                r.End();

                d = bob.Finish(message, aliceAt, work);
                Scalar chi = bob.B;

                // DKLs23 Protocol 3.6, round 3: χ·R_j − Γ^u_j = d_u·G and χ·pk_j − Γ^v_j = d_v·G.
                bool nonceOk = peerNonce.Mul(backend, chi).Sub(backend, gammaU).EqualsPoint(Point.MulBase(backend, d[0]));
                bool keyOk = peerPublic.Mul(backend, chi).Sub(backend, gammaV).EqualsPoint(Point.MulBase(backend, d[1]));
                if (!(nonceOk & keyOk))
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, peer);
                }

                Point bigR = nonceCommitment.Add(backend, peerNonce);
                if (bigR.IsInfinity)
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, peer);
                }

                rx = bigR.XModOrder(backend);
                if (rx.IsZero)
                {
                    throw new ThresholdException(ThresholdError.ConsistencyCheckFailed, peer);
                }

                Scalar mask = phi.Add(psi);
                u = Scalar.MulAdd(nonce, mask, aliceShares[0]);
                u.SetAdd(u, d[0]);
                v = Scalar.MulAdd(secret, mask, aliceShares[1]);
                v.SetAdd(v, d[1]);
                mask.Clear();
                ClearPresignInputs();
                State = PartyState.Presigned;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
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
                w = Scalar.MulSum(e, phi, rx, v);
                phi.Clear();
                v.Clear();
                WireWriter wr = Wire.Begin(Wire.ProtocolSign, 3, me, peer, sessionId, Round3Body);
                u.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
                w.WriteTo(wr.Buffer, wr.Skip(Params.ScalarBytes));
                this.messageHash = new byte[32];
                System.Array.Copy(messageHash, 0, this.messageHash, 0, 32);
                State = PartyState.Round3Sent;
                return new byte[][] { wr.Finish() };
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        private byte[] messageHash;

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
                byte[] message = Inbox.Sort(inbox, peers)[0];
                WireReader r = Wire.Open(message, Wire.ProtocolSign, 3, peer, me, sessionId, Round3Body);
                Scalar peerU = r.ReadScalar();
                Scalar peerW = r.ReadScalar();
                r.End();
                Scalar total = u.Add(peerU);
                if (total.IsZero)
                {
                    throw new ThresholdException(ThresholdError.InvalidSignature, peer);
                }

                Scalar s = w.Add(peerW).Mul(total.Inverse(backend));
                if (s.IsHigh)
                {
                    s = s.Negate();
                }

                byte[] signature = new byte[64];
                rx.WriteTo(signature, 0);
                s.WriteTo(signature, 32);
                if (!new Ecdsa(backend).Verify(PublicKey(), messageHash, signature, true))
                {
                    throw new ThresholdException(ThresholdError.InvalidSignature, peer);
                }

                u.Clear();
                w.Clear();
                State = PartyState.Done;
                return signature;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <inheritdoc />
        protected override void WipeSecrets()
        {
            ClearPresignInputs();
            ClearScalar(phi);
            ClearScalar(u);
            ClearScalar(v);
            ClearScalar(w);
        }

        private void ClearPresignInputs()
        {
            if (random != null)
            {
                random.Dispose();
                random = null;
            }

            ClearScalar(nonce);
            ClearScalar(secret);
            if (bob != null)
            {
                bob.Clear();
                bob.B.Clear();
            }

            if (aliceShares != null)
            {
                aliceShares[0].Clear();
                aliceShares[1].Clear();
            }

            if (work != null)
            {
                Wipe.Bytes(work);
                work = null;
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
