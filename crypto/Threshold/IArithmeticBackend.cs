using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The one backend for the arithmetic of the threshold protocols (issue 14): hashing, vector
    /// arithmetic modulo the group order n, GF(2^192), the OT-extension transpose and, inherited from
    /// <see cref="ISecp256k1Backend"/>, the curve, and from <see cref="IHmacSha256"/> HMAC-SHA256 (what the
    /// card's random generators run on). Entry points work on whole batches so that a
    /// native implementation is reached a few hundred times per tap, not tens of thousands.
    /// <see cref="ManagedArithmeticBackend"/> is the reference; the native module
    /// (crypto/Native) implements the same contract and must agree with it byte for byte.
    /// </summary>
    /// <remarks>
    /// Conventions in addition to <see cref="ISecp256k1Backend"/>'s: a scalar vector is count
    /// 32-byte big-endian scalars, one after another, every one below n (else
    /// <see cref="CryptoError.InvalidEncoding"/>, and no output is written). Buffer sizes are
    /// checked before any work (<see cref="CryptoError.NullBuffer"/>, <see cref="CryptoError.InvalidLength"/>).
    /// Security: every member is constant time in its secret inputs; where an input is public it
    /// says so.
    /// </remarks>
    public interface IArithmeticBackend : ISecp256k1Backend, IHmacSha256
    {
        /// <summary>Writes SHA-256(data[offset..offset+count)) (32 bytes) to output at outputOffset.</summary>
        void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// Hashes <paramref name="count"/> independent messages of <paramref name="messageLength"/> bytes each,
        /// stored one after another in <paramref name="messages"/> (exactly count·messageLength bytes);
        /// digest i goes to output[32·i..] (exactly 32·count bytes).
        /// </summary>
        void Sha256Many(byte[] messages, int messageLength, int count, byte[] output);

        /// <summary>
        /// Counter-mode expansion, the PRG and random-oracle streams: block c = SHA-256(prefix[0..prefixLength) ‖ c)
        /// with c one byte counting from 0; the blocks, concatenated and truncated to <paramref name="length"/>
        /// (at most 8192) bytes, go to output at outputOffset.
        /// </summary>
        void Sha256Expand(byte[] prefix, int prefixLength, byte[] output, int outputOffset, int length);

        /// <summary>
        /// ChaCha20-Poly1305 (RFC 8439 section 2.8) over a whole message: encrypts
        /// plaintext[offset..offset+count) under <paramref name="key"/> (32 bytes) and <paramref name="nonce"/>
        /// (12 bytes) and writes ciphertext ‖ tag (count + 16 bytes) to output at outputOffset.
        /// <paramref name="aad"/> is the additional data (null means empty). In place when output is plaintext
        /// and outputOffset is offset; otherwise the two ranges of one buffer must not overlap (else InvalidLength).
        /// </summary>
        /// <remarks>Security: constant time in key and data. A (key, nonce) pair must never seal two messages.</remarks>
        void ChaCha20Poly1305Seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// Opens ciphertext ‖ tag at input[offset..offset+count) (count at least 16, else InvalidLength): checks the
        /// tag first, in constant time, and only when it matches writes the count - 16 plaintext bytes to output at
        /// outputOffset. In place as for <see cref="ChaCha20Poly1305Seal"/>.
        /// </summary>
        /// <returns>False, with the output range zeroed, when the tag does not match.</returns>
        bool ChaCha20Poly1305Open(byte[] key, byte[] nonce, byte[] aad, byte[] input, int offset, int count, byte[] output, int outputOffset);

        /// <summary>result_i = (a_i + b_i) mod n for count scalars.</summary>
        void ModNAdd(byte[] a, byte[] b, int count, byte[] result);

        /// <summary>result_i = (a_i - b_i) mod n for count scalars.</summary>
        void ModNSub(byte[] a, byte[] b, int count, byte[] result);

        /// <summary>result_i = (a_i · b_i) mod n for count scalars.</summary>
        void ModNMul(byte[] a, byte[] b, int count, byte[] result);

        /// <summary>result_i = (s · a_i) mod n for one 32-byte scalar s and count scalars a.</summary>
        void ModNScale(byte[] s, byte[] a, int count, byte[] result);

        /// <summary>result (32 bytes) = Σ g_j · a_j mod n over count pairs: a whole RVOLE row loop.</summary>
        void ModNInnerProduct(byte[] g, byte[] a, int count, byte[] result);

        /// <summary>
        /// result (24 bytes) = Σ rows_i · challenges_i in GF(2^192) (crypto/Threshold/Gf192.cs layout,
        /// 24 bytes per element, count elements each). Security: constant time in the rows; the
        /// challenges are public.
        /// </summary>
        void Gf192MulAccumulate(byte[] rows, byte[] challenges, int count, byte[] result);

        /// <summary>
        /// Transposes the OT-extension matrix from OtWidth columns of ColumnBytes bytes to ExtendedBatch
        /// rows of RowBytes bytes (<c>BitMatrix.ColumnsToRows</c>); rows is overwritten.
        /// </summary>
        void TransposeColumnsToRows(byte[] columns, byte[] rows);

        /// <summary>
        /// Bob's round of one two-party multiplication (README "Building blocks"): from both seeds of every base OT
        /// (<paramref name="seeds0"/>, <paramref name="seeds1"/>: OtWidth × 16 bytes) and his choice bits
        /// (<paramref name="choices"/>: ColumnBytes), writes the KOS message u ‖ x̃ ‖ t̃ (<c>Kos.MessageBytes</c>) at
        /// <paramref name="offset"/> of <paramref name="message"/> and his RVOLE input b = Σ g_j β_j to
        /// <paramref name="bobInput"/> (32 bytes). <paramref name="context"/> is sid ‖ bob ‖ alice (34 bytes), bound
        /// into every PRG and random-oracle call; <paramref name="work"/> (OtWidth × ColumnBytes) is scratch space
        /// the call leaves holding secrets, for the caller to wipe.
        /// </summary>
        /// <remarks>Security: constant time in seeds and choices.</remarks>
        void RvoleBobStart(byte[] seeds0, byte[] seeds1, byte[] context, byte[] choices, byte[] work, byte[] message, int offset, byte[] bobInput);

        /// <summary>
        /// Alice's round: derives her extension rows from her correlation <paramref name="delta"/> (24 bytes), her
        /// seeds and Bob's KOS message at <paramref name="bobOffset"/>, checks KOS consistency, then writes her RVOLE
        /// message τ ‖ u ‖ ρ (<c>Rvole.AliceMessageBytes</c>) at <paramref name="offset"/> for the inputs
        /// <paramref name="inputs"/> = a_1 ‖ a_2 ‖ check mask (96 bytes, each below n, else InvalidEncoding) and her
        /// shares c_1 ‖ c_2 to <paramref name="shares"/> (64 bytes). Context and work as in <see cref="RvoleBobStart"/>.
        /// </summary>
        /// <returns>False, with nothing written, when the KOS consistency check fails (Bob cheated).</returns>
        /// <remarks>Security: constant time in Δ, seeds, rows and inputs; whether the check fails depends on Δ, and the caller must record it.</remarks>
        bool RvoleAlice(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] inputs, byte[] work, byte[] message, int offset, byte[] shares);

        /// <summary>
        /// Alice's round in pieces, for a party that sends her message as it is made (the card: README "Round messages
        /// in pieces"), the same bytes as <see cref="RvoleAlice"/>: derives her rows and checks KOS consistency as
        /// <see cref="RvoleAlice"/> does, leaves what the next pieces need in <paramref name="work"/> (secret, for the
        /// caller to wipe) and starts <paramref name="state"/> (<c>Rvole.StreamStateBytes</c>, opaque to the caller, for
        /// the same backend's <see cref="RvoleAliceRows"/> and <see cref="RvoleAliceEnd"/> only; it hashes only τ).
        /// </summary>
        /// <returns>False when the KOS check fails (Bob cheated).</returns>
        bool RvoleAliceBegin(byte[] delta, byte[] seeds, byte[] context, byte[] bobMessage, int bobOffset, byte[] work, byte[] state);

        /// <summary>
        /// Writes τ of the next <paramref name="rowCount"/> rows (a positive multiple of 8, 96 bytes a row) at
        /// <paramref name="offset"/> of <paramref name="message"/> for inputs a_1 ‖ a_2 ‖ check mask (3 scalars) and
        /// absorbs them into the challenge hash held in <paramref name="state"/>.
        /// </summary>
        /// <exception cref="CryptoException">InvalidLength past the last row; InvalidEncoding for an input not below n.</exception>
        void RvoleAliceRows(byte[] delta, byte[] context, byte[] inputs, byte[] work, byte[] state, int rowCount, byte[] message, int offset);

        /// <summary>
        /// After every row: χ̃ from the hash of τ, then u ‖ ρ (64 bytes) at <paramref name="offset"/> of
        /// <paramref name="output"/> and Alice's shares c_1 ‖ c_2 (64 bytes).
        /// </summary>
        /// <exception cref="CryptoException">InvalidLength when rows remain.</exception>
        void RvoleAliceEnd(byte[] context, byte[] inputs, byte[] work, byte[] state, byte[] output, int offset, byte[] shares);

        /// <summary>
        /// Bob's finish: re-expands his rows from <paramref name="seeds0"/>, checks Alice's message at
        /// <paramref name="offset"/> and writes his shares d_1 ‖ d_2 to <paramref name="shares"/> (64 bytes) when it passes.
        /// </summary>
        /// <returns>False when the RVOLE check fails (Alice cheated); shares is then not written.</returns>
        /// <exception cref="CryptoException">InvalidEncoding when a scalar of Alice's message is not below n (checked first).</exception>
        /// <remarks>Security: constant time in seeds and choices.</remarks>
        bool RvoleBobFinish(byte[] seeds0, byte[] choices, byte[] context, byte[] aliceMessage, int offset, byte[] work, byte[] shares);
    }
}
