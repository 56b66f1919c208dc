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
            for (int k = 0; k < Params.OtWidth; k++)
            {
                Scalar a = Scalar.Random(random);
                Point aG = Point.MulBase(backend, a);
                aG.WriteTo(plain, 0);
                aG.Add(backend, bigB).WriteTo(shifted, 0);
                uint mask = ConstantTime.MaskFromBit((uint)BitMatrix.Bit(delta, k));
                ConstantTime.ConditionalCopy(mask, shifted, 0, plain, 0, Params.PointBytes);
                System.Array.Copy(plain, 0, output, offset + (k * Params.PointBytes), Params.PointBytes);
                Seed(sessionId, bob, alice, k, bigB.Mul(backend, a), seeds, k * Params.SeedBytes);
                a.Clear();
            }
        }

        /// <summary>
        /// Sender step 2: reads the receiver's points and writes both seeds of every OT.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidPoint blamed on <paramref name="alice"/>.</exception>
        public static void SenderFinish(IArithmeticBackend backend, byte[] sessionId, int bob, int alice, Scalar b, byte[] receiverMessage, int offset, byte[] seeds0, byte[] seeds1)
        {
            Point bB = Point.MulBase(backend, b).Mul(backend, b);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                Point a = Point.Decode(backend, receiverMessage, offset + (k * Params.PointBytes));
                if (a == null)
                {
                    throw new ThresholdException(ThresholdError.InvalidPoint, alice);
                }

                Point s = a.Mul(backend, b);
                Seed(sessionId, bob, alice, k, s, seeds0, k * Params.SeedBytes);
                Seed(sessionId, bob, alice, k, s.Sub(backend, bB), seeds1, k * Params.SeedBytes);
            }
        }

        private static void Seed(byte[] sessionId, int bob, int alice, int k, Point shared, byte[] seeds, int offset)
        {
            byte[] digest = new byte[Params.HashBytes];
            if (shared.IsInfinity)
            {
                // Only reachable with a malformed A_k = B (or 0·G); the seed is then public and useless, never a crash.
                new Ro(Tags.BaseOtSeed).Add(sessionId).AddInt((bob << 24) | (alice << 16) | k).Finish(digest, 0);
            }
            else
            {
                new Ro(Tags.BaseOtSeed).Add(sessionId).AddInt((bob << 24) | (alice << 16) | k).Add(shared).Finish(digest, 0);
            }

            System.Array.Copy(digest, 0, seeds, offset, Params.SeedBytes);
            Wipe.Bytes(digest);
        }

        /// <summary>Bytes of the seed confirmation: one 16-byte difference per base OT and a 32-byte digest.</summary>
        public const int ConfirmationBytes = (Params.OtWidth * 16) + Params.HashBytes;

        /// <summary>
        /// Sender's confirmation, the last step of DKLs19's verified OT in one message: with
        /// h_c,k = H(tag ‖ sid ‖ k ‖ c ‖ seed_c,k) (16 bytes) it sends h_0,k ⊕ h_1,k for every k and
        /// D = H(sid ‖ bob ‖ alice ‖ h_0,0 ‖ h_1,0 ‖ … ‖ h_1,191). The receiver knows one hash per k, recovers the other and
        /// checks D, so any inconsistent setup or altered byte aborts the key generation. Like VSOT it
        /// reveals only hashes of the 128-bit seeds.
        /// </summary>
        public static void Confirm(byte[] sessionId, int bob, int alice, byte[] seeds0, byte[] seeds1, byte[] output, int offset)
        {
            byte[] h0 = new byte[16];
            byte[] h1 = new byte[16];
            Ro digest = new Ro(Tags.BaseOtSeed).Add(sessionId).AddInt((bob << 8) | alice);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                SeedHash(sessionId, k, 0, seeds0, h0, 0);
                SeedHash(sessionId, k, 1, seeds1, h1, 0);
                digest.Add(h0).Add(h1);
                for (int i = 0; i < 16; i++)
                {
                    output[offset + (k * 16) + i] = (byte)(h0[i] ^ h1[i]);
                }
            }

            digest.Finish(output, offset + (Params.OtWidth * 16));
        }

        /// <summary>Receiver's check of <see cref="Confirm"/> with its seeds k_{Δ_k}; constant time in Δ.</summary>
        public static bool CheckConfirmation(byte[] sessionId, int bob, int alice, byte[] delta, byte[] seeds, byte[] confirmation, int offset)
        {
            byte[] mine = new byte[16];
            byte[] h0 = new byte[16];
            byte[] h1 = new byte[16];
            Ro digest = new Ro(Tags.BaseOtSeed).Add(sessionId).AddInt((bob << 8) | alice);
            for (int k = 0; k < Params.OtWidth; k++)
            {
                int bit = BitMatrix.Bit(delta, k);
                SeedHash(sessionId, k, bit, seeds, mine, 0);
                uint mask = ConstantTime.MaskFromBit((uint)bit);
                for (int i = 0; i < 16; i++)
                {
                    byte other = (byte)(mine[i] ^ confirmation[offset + (k * 16) + i]);
                    byte m = (byte)mask;
                    h0[i] = (byte)((other & m) | (mine[i] & ~m));
                    h1[i] = (byte)((mine[i] & m) | (other & ~m));
                }

                digest.Add(h0).Add(h1);
            }

            byte[] expected = digest.Finish();
            Wipe.Bytes(mine);
            return ConstantTime.AreEqual(expected, 0, confirmation, offset + (Params.OtWidth * 16), Params.HashBytes);
        }

        // 1 + 32 + 4 + 16 = 53 bytes: one compression per hash.
        private static void SeedHash(byte[] sessionId, int k, int choice, byte[] seeds, byte[] output, int offset)
        {
            byte[] digest = new Ro(Tags.BaseOtSeed).Add(sessionId).AddInt(0x7F000000 | (k << 1) | choice).Add(seeds, k * Params.SeedBytes, Params.SeedBytes).Finish();
            System.Array.Copy(digest, 0, output, offset, 16);
            Wipe.Bytes(digest);
        }
    }
}
