using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Batched random base OT ("Simplest OT", Chou-Orlandi 2015, with the sender's proof of
    /// knowledge as in DKLs19 §6) for one ordered pair. The OT-extension receiver (Bob) is the
    /// base-OT sender and ends with both seeds of each of the <see cref="Params.OtWidth"/> OTs; the
    /// extension sender (Alice) is the base-OT receiver with choice bits Δ and ends with seed k_{Δ_k}.
    /// </summary>
    /// <remarks>
    /// Sender message: B (33) ‖ proof (65). Receiver message: A_1..A_192 (33 each).
    /// Seeds are the first 16 bytes of H(tag ‖ sid ‖ bob ‖ alice ‖ k ‖ point).
    /// Security: b, a_k, Δ and the seeds are secret; points are validated on decoding.
    /// </remarks>
    internal static class BaseOt
    {
        /// <summary>Bytes of the sender's message.</summary>
        public const int SenderMessageBytes = Params.PointBytes + SchnorrProof.Bytes;

        /// <summary>Bytes of the receiver's message.</summary>
        public const int ReceiverMessageBytes = Params.OtWidth * Params.PointBytes;

        /// <summary>Proof context of the sender key of pair (bob, alice).</summary>
        public static int Context(int bob, int alice)
        {
            return 0x01000000 | (bob << 8) | alice;
        }

        /// <summary>Sender step 1: writes B = b·G and its proof; returns b.</summary>
        public static Scalar SenderStart(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, IRandomSource random, byte[] output, int offset)
        {
            Scalar b = Scalar.Random(random);
            Point bigB = Point.MulBase(backend, b);
            bigB.WriteTo(output, offset);
            SchnorrProof.Prove(backend, sessionId, Context(bob, alice), b, bigB, random, output, offset + Params.PointBytes);
            return b;
        }

        /// <summary>
        /// Receiver step: checks the sender's message, draws Δ into <paramref name="delta"/>, writes
        /// A_k at <paramref name="offset"/> and the seeds k_{Δ_k} into <paramref name="seeds"/>.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidPoint or InvalidProof blamed on <paramref name="bob"/>.</exception>
        public static void Receive(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, byte[] senderMessage, int senderOffset, IRandomSource random, byte[] delta, byte[] seeds, byte[] output, int offset)
        {
            Point bigB = Point.Decode(backend, senderMessage, senderOffset);
            if (bigB == null)
            {
                throw new ThresholdException(ThresholdError.InvalidPoint, bob);
            }

            if (!SchnorrProof.Verify(backend, sessionId, Context(bob, alice), bigB, senderMessage, senderOffset + Params.PointBytes))
            {
                throw new ThresholdException(ThresholdError.InvalidProof, bob);
            }

            random.Fill(delta, 0, Params.RowBytes);
            byte[] plain = new byte[Params.PointBytes];
            byte[] shifted = new byte[Params.PointBytes];
            SeedHasher hasher = new SeedHasher(backend, sessionId, bob, alice);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                Scalar a = Scalar.Random(random);
                Point aG = Point.MulBase(backend, a);
                aG.WriteTo(plain, 0);
                aG.Add(backend, bigB).WriteTo(shifted, 0);
                uint mask = ConstantTime.MaskFromBit((uint)BitMatrix.Bit(delta, k));
                ConstantTime.ConditionalCopy(mask, shifted, 0, plain, 0, Params.PointBytes);
                System.Array.Copy(plain, 0, output, offset + (k * Params.PointBytes), Params.PointBytes);
                hasher.Add(k, bigB.Mul(backend, a), seeds);
                a.Clear();
            }

            hasher.Flush(seeds);
        }

        /// <summary>
        /// Sender step 2: reads the receiver's points and writes both seeds of every OT.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidPoint blamed on <paramref name="alice"/>.</exception>
        public static void SenderFinish(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, Scalar b, byte[] receiverMessage, int offset, byte[] seeds0, byte[] seeds1)
        {
            Point bB = Point.MulBase(backend, b).Mul(backend, b);
            SeedHasher hasher0 = new SeedHasher(backend, sessionId, bob, alice);
            SeedHasher hasher1 = new SeedHasher(backend, sessionId, bob, alice);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                Point a = Point.Decode(backend, receiverMessage, offset + (k * Params.PointBytes));
                if (a == null)
                {
                    hasher0.Clear();
                    hasher1.Clear();
                    throw new ThresholdException(ThresholdError.InvalidPoint, alice);
                }

                Point s = a.Mul(backend, b);
                hasher0.Add(k, s, seeds0);
                hasher1.Add(k, s.Sub(backend, bB), seeds1);
            }

            hasher0.Flush(seeds0);
            hasher1.Flush(seeds1);
        }

        /// <summary>
        /// The seeds H(tag ‖ sid ‖ bob ‖ alice ‖ k ‖ point) (first 16 bytes), hashed through the backend
        /// <see cref="Batch"/> at a time with <see cref="IArithmeticBackend.Sha256Many"/>: every message
        /// is 1 + 32 + 4 + 33 = 70 bytes. A point at infinity (only a malformed A_k = B gives one; the
        /// seed is then public and useless, never a crash) is hashed alone without the point, as
        /// before. Security: the buffers hold shared secrets and are wiped after each batch.
        /// </summary>
        private sealed class SeedHasher
        {
            private const int Batch = 32;
            private const int MessageBytes = 1 + Params.SessionIdBytes + 4 + Params.PointBytes;
            private readonly IArithmeticBackend _backend;
            private readonly byte[] _sessionId;
            private readonly int _pair;
            private readonly byte[] _messages = new byte[Batch * MessageBytes];
            private readonly byte[] _digests = new byte[Batch * Params.HashBytes];
            private readonly int[] _indices = new int[Batch];
            private int _pending;

            public SeedHasher(IArithmeticBackend backend, byte[] sessionId, int bob, int alice)
            {
                _backend = backend;
                _sessionId = sessionId;
                _pair = (bob << 24) | (alice << 16);
            }

            /// <summary>Queues seed k from <paramref name="shared"/>; a full batch is hashed into <paramref name="seeds"/>.</summary>
            public void Add(int k, Point shared, byte[] seeds)
            {
                if (shared.IsInfinity)
                {
                    byte[] digest = new Ro(Tags.BaseOtSeed).Add(_sessionId).AddInt(_pair | k).Finish();
                    System.Array.Copy(digest, 0, seeds, k * Params.SeedBytes, Params.SeedBytes);
                    Wipe.Bytes(digest);
                    return;
                }

                int at = _pending * MessageBytes;
                _messages[at] = Tags.BaseOtSeed;
                System.Array.Copy(_sessionId, 0, _messages, at + 1, Params.SessionIdBytes);
                WriteInt(_pair | k, _messages, at + 1 + Params.SessionIdBytes);
                shared.WriteTo(_messages, at + TranscriptHeaderBytes);
                _indices[_pending++] = k;
                if (_pending == Batch)
                {
                    Flush(seeds);
                }
            }

            /// <summary>Hashes the queued seeds into <paramref name="seeds"/>.</summary>
            public void Flush(byte[] seeds)
            {
                if (_pending == 0)
                {
                    return;
                }

                if (_pending == Batch)
                {
                    _backend.Sha256Many(_messages, MessageBytes, Batch, _digests);
                }
                else
                {
                    // A short batch: only after a point at infinity (192 is a whole number of batches).
                    for (int i = 0; i < _pending; i++)
                    {
                        _backend.Sha256(_messages, i * MessageBytes, MessageBytes, _digests, i * Params.HashBytes);
                    }
                }

                for (int i = 0; i < _pending; i++)
                {
                    System.Array.Copy(_digests, i * Params.HashBytes, seeds, _indices[i] * Params.SeedBytes, Params.SeedBytes);
                }

                _pending = 0;
                Clear();
            }

            /// <summary>Wipes the buffers.</summary>
            public void Clear()
            {
                Wipe.Bytes(_messages);
                Wipe.Bytes(_digests);
            }
        }

        /// <summary>Bytes of the seed confirmation: one 16-byte difference per base OT and a 32-byte digest.</summary>
        public const int ConfirmationBytes = (Params.OtWidth * 16) + Params.HashBytes;

        /// <summary>
        /// Sender's confirmation, the last step of DKLs19's verified OT in one message: with
        /// h_c,k = H(tag ‖ sid ‖ k ‖ c ‖ seed_c,k) (16 bytes) it sends h_0,k ⊕ h_1,k for every k and
        /// D = H(sid ‖ bob ‖ alice ‖ h_0,0 ‖ h_1,0 ‖ … ‖ h_1,191). The receiver knows one hash per k, recovers the other and
        /// checks D, so any inconsistent setup or altered byte aborts the key generation. Like VSOT it
        /// reveals only hashes of the 128-bit seeds. The hashes go through the backend, <see cref="ConfirmBatch"/>
        /// seeds per <see cref="IArithmeticBackend.Sha256Many"/> call, and D in one call.
        /// </summary>
        public static void Confirm(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, byte[] seeds0, byte[] seeds1, byte[] output, int offset)
        {
            byte[] transcript = ConfirmationTranscript(sessionId, bob, alice);
            byte[] messages = new byte[ConfirmBatch * SeedHashBytes];
            byte[] h0 = new byte[ConfirmBatch * Params.HashBytes];
            byte[] h1 = new byte[ConfirmBatch * Params.HashBytes];
            for (int first = 0; first < Params.OtWidth; first += ConfirmBatch)
            {
                SeedHashes(backend, sessionId, first, null, 0, seeds0, messages, h0);
                SeedHashes(backend, sessionId, first, null, 1, seeds1, messages, h1);
                for (int i = 0; i < ConfirmBatch; i++)
                {
                    int k = first + i;
                    System.Array.Copy(h0, i * Params.HashBytes, transcript, TranscriptHeaderBytes + (k * 32), 16);
                    System.Array.Copy(h1, i * Params.HashBytes, transcript, TranscriptHeaderBytes + (k * 32) + 16, 16);
                    for (int j = 0; j < 16; j++)
                    {
                        output[offset + (k * 16) + j] = (byte)(h0[(i * Params.HashBytes) + j] ^ h1[(i * Params.HashBytes) + j]);
                    }
                }
            }

            backend.Sha256(transcript, 0, transcript.Length, output, offset + (Params.OtWidth * 16));
            Wipe.Bytes(messages);
            Wipe.Bytes(h0);
            Wipe.Bytes(h1);
            Wipe.Bytes(transcript);
        }

        /// <summary>Receiver's check of <see cref="Confirm"/> with its seeds k_{Δ_k}; constant time in Δ.</summary>
        public static bool CheckConfirmation(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, byte[] delta, byte[] seeds, byte[] confirmation, int offset)
        {
            byte[] transcript = ConfirmationTranscript(sessionId, bob, alice);
            byte[] messages = new byte[ConfirmBatch * SeedHashBytes];
            byte[] mine = new byte[ConfirmBatch * Params.HashBytes];
            for (int first = 0; first < Params.OtWidth; first += ConfirmBatch)
            {
                SeedHashes(backend, sessionId, first, delta, 0, seeds, messages, mine);
                for (int i = 0; i < ConfirmBatch; i++)
                {
                    int k = first + i;
                    byte m = (byte)ConstantTime.MaskFromBit((uint)BitMatrix.Bit(delta, k));
                    int at = TranscriptHeaderBytes + (k * 32);
                    for (int j = 0; j < 16; j++)
                    {
                        byte own = mine[(i * Params.HashBytes) + j];
                        byte other = (byte)(own ^ confirmation[offset + (k * 16) + j]);
                        transcript[at + j] = (byte)((other & m) | (own & ~m));
                        transcript[at + 16 + j] = (byte)((own & m) | (other & ~m));
                    }
                }
            }

            byte[] expected = new byte[Params.HashBytes];
            backend.Sha256(transcript, 0, transcript.Length, expected, 0);
            Wipe.Bytes(messages);
            Wipe.Bytes(mine);
            Wipe.Bytes(transcript);
            return ConstantTime.AreEqual(expected, 0, confirmation, offset + (Params.OtWidth * 16), Params.HashBytes);
        }

        // Seeds hashed per Sha256Many call in the confirmation (192 is a whole number of batches).
        private const int ConfirmBatch = 16;

        // 1 + 32 + 4 + 16 = 53 bytes: one compression per hash.
        private const int SeedHashBytes = 1 + Params.SessionIdBytes + 4 + Params.SeedBytes;

        // tag ‖ sid ‖ bob ‖ alice before the 192 pairs (h_0,k ‖ h_1,k) of D's message.
        private const int TranscriptHeaderBytes = 1 + Params.SessionIdBytes + 4;

        private static byte[] ConfirmationTranscript(byte[] sessionId, int bob, int alice)
        {
            byte[] transcript = new byte[TranscriptHeaderBytes + (Params.OtWidth * 32)];
            transcript[0] = Tags.BaseOtSeed;
            System.Array.Copy(sessionId, 0, transcript, 1, Params.SessionIdBytes);
            WriteInt((bob << 8) | alice, transcript, 1 + Params.SessionIdBytes);
            return transcript;
        }

        /// <summary>
        /// h_c,k (first 16 bytes of each 32-byte digest in <paramref name="digests"/>) for the
        /// <see cref="ConfirmBatch"/> seeds from <paramref name="first"/>: c is Δ_k when
        /// <paramref name="delta"/> is given (by value, no branch on it), else <paramref name="choice"/>.
        /// </summary>
        private static void SeedHashes(IArithmeticBackend backend, byte[] sessionId, int first, byte[] delta, int choice, byte[] seeds, byte[] messages, byte[] digests)
        {
            for (int i = 0; i < ConfirmBatch; i++)
            {
                int k = first + i;
                int c = delta == null ? choice : BitMatrix.Bit(delta, k);
                int at = i * SeedHashBytes;
                messages[at] = Tags.BaseOtSeed;
                System.Array.Copy(sessionId, 0, messages, at + 1, Params.SessionIdBytes);
                WriteInt(0x7F000000 | (k << 1) | c, messages, at + 1 + Params.SessionIdBytes);
                System.Array.Copy(seeds, k * Params.SeedBytes, messages, at + TranscriptHeaderBytes, Params.SeedBytes);
            }

            backend.Sha256Many(messages, SeedHashBytes, ConfirmBatch, digests);
        }

        private static void WriteInt(int value, byte[] output, int offset)
        {
            output[offset] = (byte)(value >> 24);
            output[offset + 1] = (byte)(value >> 16);
            output[offset + 2] = (byte)(value >> 8);
            output[offset + 3] = (byte)value;
        }
    }
}
