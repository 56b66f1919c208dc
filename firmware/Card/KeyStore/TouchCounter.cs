using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Hal;
using CardFirmware.Storage;

namespace CardFirmware.Card.KeyStore
{
    /// <summary>
    /// Counts failed finger touches in a row and locks the card after <see cref="Limit"/> of them,
    /// in a way that writing an old flash image back cannot undo:
    /// <code>
    /// failures = burned - base
    /// burned   = the one-way counter (IOneWayCounter): one bit burned BEFORE each touch is evaluated
    /// base     = the counter's value at the last success, a flash record tagged with the eFuse HMAC key
    ///            over the base and the SHA-256 of the enrolled finger's helper data
    /// </code>
    /// Record layout (<see cref="StorageKeys.TouchBase"/>): <c>base(4, big-endian) | tag(32)</c>,
    /// tag = <see cref="DeviceKeys.TouchBaseTag"/>. An old image holds an older (smaller) base, so
    /// replaying it can only raise the failures; a record that is missing, malformed, fails its tag
    /// or claims more than was burned reads as locked and <see cref="IsDamaged"/>, never as zero.
    /// </summary>
    /// <remarks>
    /// Power safety: the burn comes first and is never undone, so a cut at any moment of an attempt
    /// leaves it charged; a success or a refund moves the base with one atomic record write, and a
    /// cut before that write keeps the charge (the safe side).
    /// Security: the tag binds the base to the helper data it was counted for. A thief who rewrites flash
    /// can make the card take an enrollment of his own finger (which starts from zero) or succeed with
    /// it; that base does not verify beside the owner's helper data written back, which reads as locked.
    /// Lifetime: every evaluated touch costs one bit of <see cref="IOneWayCounter.Capacity"/>;
    /// when all are burned the card is <see cref="IsSpent"/> and refuses every touch as locked.
    /// </remarks>
    public sealed class TouchCounter
    {
        private const int RecordSize = 4 + DeviceKeys.Size;

        private readonly RecordLog _log;
        private readonly IOneWayCounter _burned;
        private readonly DeviceKeys _keys;
        private readonly int _limit;

        // SHA-256 of the helper data the base is counted for, hashed once per boot (7 KB): it changes only by an
        // enrollment, which sets it through Reset, or by a factory reset, which erases the base with it.
        private byte[] _enrollment;

        /// <summary>
        /// Creates the counter over <paramref name="log"/> (the base record) and
        /// <paramref name="burned"/> (the one-way counter), tagging with <paramref name="keys"/>,
        /// with a lockout after <paramref name="limit"/> failures.
        /// </summary>
        public TouchCounter(RecordLog log, IOneWayCounter burned, DeviceKeys keys, int limit)
        {
            _log = log;
            _burned = burned;
            _keys = keys;
            _limit = limit;
        }

        /// <summary>Failed touches in a row that lock the card.</summary>
        public int Limit
        {
            get { return _limit; }
        }

        /// <summary>Failed touches in a row so far; <see cref="Limit"/> when the base record is missing or damaged.</summary>
        public int Failures
        {
            get
            {
                int touchBase = ReadBase();
                int burned = _burned.Value;
                if (touchBase < 0 || touchBase > burned)
                {
                    return _limit;
                }

                int failures = burned - touchBase;
                return failures > _limit ? _limit : failures;
            }
        }

        /// <summary>
        /// True when a base record is stored but cannot be trusted: malformed, its tag wrong (forged,
        /// or written by another chip), or claiming more touches than were ever burned.
        /// </summary>
        public bool IsDamaged
        {
            get
            {
                if (!_log.Contains(StorageKeys.TouchBase))
                {
                    return false;
                }

                int touchBase = ReadBase();
                return touchBase < 0 || touchBase > _burned.Value;
            }
        }

        /// <summary>True once every bit of the one-way counter is burned: no touch can be evaluated again.</summary>
        public bool IsSpent
        {
            get { return _burned.Value >= _burned.Capacity; }
        }

        /// <summary>True once <see cref="Limit"/> failures in a row were counted, or the counter is spent.</summary>
        public bool IsLocked
        {
            get { return Failures >= _limit || IsSpent; }
        }

        /// <summary>Touches left before the lockout.</summary>
        public int Remaining
        {
            get { return IsSpent ? 0 : _limit - Failures; }
        }

        /// <summary>
        /// Starts counting from zero for the finger enrolled with <paramref name="helperData"/> (at
        /// enrollment, before the helper data is stored): the base becomes the bits burned so far.
        /// </summary>
        public void Reset(byte[] helperData)
        {
            byte[] enrollment = new byte[Sha256.HashSize];
            Sha256.Hash(helperData, 0, helperData.Length, enrollment, 0);
            _enrollment = enrollment;
            WriteBase(_burned.Value);
        }

        /// <summary>
        /// Charges one attempt before it is evaluated: burns one bit and returns true, or returns
        /// false (burning nothing) when the card is locked or the counter is spent.
        /// </summary>
        public bool BeginAttempt()
        {
            if (IsLocked)
            {
                return false;
            }

            // Read back after the burn: a glitch that skips the burn must not buy an uncounted attempt.
            int before = _burned.Value;
            return _burned.Increment() && _burned.Value == before + 1;
        }

        /// <summary>The attempt begun last succeeded: the base moves up to every bit burned, so the count is zero.</summary>
        public void Succeeded()
        {
            WriteBase(_burned.Value);
        }

        /// <summary>
        /// Gives back the attempt begun last, for a capture the quality gate refused before any
        /// comparison with the enrolled finger (a smudge must not cost the user an attempt): the base
        /// moves up by one. Its bit stays burned, so it still costs lifetime. A cut before this write
        /// keeps the charge, which is the safe side.
        /// </summary>
        public void Refund()
        {
            int touchBase = ReadBase();
            if (touchBase >= 0 && touchBase < _burned.Value)
            {
                WriteBase(touchBase + 1);
            }
        }

        // The stored base, or -1 if it is missing, malformed or its tag is wrong.
        private int ReadBase()
        {
            if (!_log.Contains(StorageKeys.TouchBase))
            {
                return -1;
            }

            byte[] stored = _log.Get(StorageKeys.TouchBase);
            if (stored.Length != RecordSize)
            {
                return -1;
            }

            int touchBase = (stored[0] << 24) | (stored[1] << 16) | (stored[2] << 8) | stored[3];
            if (touchBase < 0)
            {
                return -1;
            }

            byte[] tag = new byte[DeviceKeys.Size];
            _keys.TouchBaseTag(touchBase, Enrollment(), tag);
            bool valid = ConstantTime.AreEqual(tag, 0, stored, 4, DeviceKeys.Size);
            return valid ? touchBase : -1;
        }

        private void WriteBase(int touchBase)
        {
            byte[] record = new byte[RecordSize];
            record[0] = (byte)(touchBase >> 24);
            record[1] = (byte)(touchBase >> 16);
            record[2] = (byte)(touchBase >> 8);
            record[3] = (byte)touchBase;
            byte[] tag = new byte[DeviceKeys.Size];
            _keys.TouchBaseTag(touchBase, Enrollment(), tag);
            System.Array.Copy(tag, 0, record, 4, tag.Length);
            _log.Put(StorageKeys.TouchBase, record);
        }
    
        // The hash of the stored helper data (of nothing when none is stored), streamed from flash.
        private byte[] Enrollment()
        {
            if (_enrollment != null)
            {
                return _enrollment;
            }

            Sha256 sha = new Sha256();
            if (_log.Contains(StorageKeys.FingerHelperData))
            {
                byte[] chunk = new byte[256];
                int length = _log.GetLength(StorageKeys.FingerHelperData);
                for (int at = 0; at < length; at += chunk.Length)
                {
                    int n = _log.Read(StorageKeys.FingerHelperData, at, chunk, 0, chunk.Length);
                    sha.Update(chunk, 0, n);
                }
            }

            byte[] enrollment = new byte[Sha256.HashSize];
            sha.Final(enrollment, 0);
            _enrollment = enrollment;
            return enrollment;
        }
    }
}
