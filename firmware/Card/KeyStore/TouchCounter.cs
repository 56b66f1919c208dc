using CardFirmware.Card.Identity;
using CardFirmware.Storage;

namespace CardFirmware.Card.KeyStore
{
    /// <summary>
    /// Counts failed finger touches in a row and locks the card after <see cref="Limit"/> of them.
    /// The count is raised and written to flash BEFORE a touch is evaluated and cleared only after
    /// a touch succeeded, so cutting the power during an attempt can only ever cost the user an
    /// attempt, never give an attacker a free one. A missing record on an enrolled card (flash
    /// damage, or a glitch) reads as locked, never as zero.
    /// </summary>
    public sealed class TouchCounter
    {
        private readonly RecordLog _log;
        private readonly int _limit;

        /// <summary>Creates the counter over <paramref name="log"/> with a lockout after <paramref name="limit"/> failures.</summary>
        public TouchCounter(RecordLog log, int limit)
        {
            _log = log;
            _limit = limit;
        }

        /// <summary>Failed touches in a row that lock the card.</summary>
        public int Limit
        {
            get { return _limit; }
        }

        /// <summary>Failed touches in a row so far; <see cref="Limit"/> when the record is missing or damaged.</summary>
        public int Failures
        {
            get
            {
                if (!_log.Contains(StorageKeys.FailedTouches))
                {
                    return _limit;
                }

                byte[] stored = _log.Get(StorageKeys.FailedTouches);
                if (stored.Length != 4)
                {
                    return _limit;
                }

                int value = (stored[0] << 24) | (stored[1] << 16) | (stored[2] << 8) | stored[3];
                return value < 0 || value > _limit ? _limit : value;
            }
        }

        /// <summary>True once <see cref="Limit"/> failures in a row were counted.</summary>
        public bool IsLocked
        {
            get { return Failures >= _limit; }
        }

        /// <summary>Touches left before the lockout.</summary>
        public int Remaining
        {
            get { return _limit - Failures; }
        }

        /// <summary>Starts counting from zero (at enrollment).</summary>
        public void Reset()
        {
            Write(0);
        }

        /// <summary>
        /// Charges one attempt before it is evaluated: persists failures + 1 and returns true, or
        /// returns false (writing nothing) when the card is already locked.
        /// </summary>
        public bool BeginAttempt()
        {
            int failures = Failures;
            if (failures >= _limit)
            {
                return false;
            }

            Write(failures + 1);
            return true;
        }

        /// <summary>The attempt begun last succeeded: the count goes back to zero.</summary>
        public void Succeeded()
        {
            Write(0);
        }

        /// <summary>
        /// Gives back the attempt begun last, for a capture the quality gate refused before any
        /// comparison with the enrolled finger (a smudge must not cost the user an attempt).
        /// A cut before this write keeps the charge, which is the safe side.
        /// </summary>
        public void Refund()
        {
            int failures = Failures;
            if (failures > 0)
            {
                Write(failures - 1);
            }
        }

        private void Write(int value)
        {
            _log.Put(StorageKeys.FailedTouches, new byte[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
        }
    }
}
