using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// The card's part in fixing the id of every threshold session it runs (DESIGN "Threshold protocol
    /// rules"; crypto/Threshold README "Session ids"). For each session the card raises its persistent
    /// session counter, writes it to flash, then draws 32 fresh bytes and contributes
    /// <c>c_card = SHA-256("CardFirmware/session/1" ‖ counter(8, big-endian) ‖ fresh(32))</c>; the session id
    /// is <see cref="JointSessionId"/> over (c_card, c_phone). The card's reply starts with c_card, so the
    /// phone derives the same id.
    /// </summary>
    /// <remarks>
    /// Security: the used-id check is structural. The counter is on flash before c_card leaves the card, so
    /// even a stuck RNG (and a phone that repeats its own contribution) never meets the same c_card twice,
    /// hence never the same session id, hence never the same OT pads; a power cut can only skip a value. It
    /// relies on the record log not being rolled back; the fresh bytes then still make a repeat a 2^-256
    /// event unless the RNG also fails. An unreadable counter record restarts from zero for the same reason.
    /// </remarks>
    public sealed class SessionIdSource
    {
        private const int CounterBytes = 8;

        // "CardFirmware/session/1" in ASCII.
        private static readonly byte[] Domain = new byte[]
        {
            0x43, 0x61, 0x72, 0x64, 0x46, 0x69, 0x72, 0x6d, 0x77, 0x61, 0x72, 0x65, 0x2f, 0x73, 0x65, 0x73,
            0x73, 0x69, 0x6f, 0x6e, 0x2f, 0x31,
        };

        private readonly RecordLog _log;
        private readonly IRandomSource _random;

        /// <summary>Creates the source over the card's record log and protocol random generator.</summary>
        public SessionIdSource(RecordLog log, IRandomSource random)
        {
            _log = log;
            _random = random;
        }

        /// <summary>Sessions begun so far (the persistent counter; 0 when none or unreadable).</summary>
        public long SessionsBegun
        {
            get
            {
                if (!_log.Contains(StorageKeys.SessionCounter) || _log.GetLength(StorageKeys.SessionCounter) != CounterBytes)
                {
                    return 0;
                }

                byte[] stored = _log.Get(StorageKeys.SessionCounter);
                long value = 0;
                for (int i = 0; i < CounterBytes; i++)
                {
                    value = (value << 8) | stored[i];
                }

                return value < 0 ? 0 : value;
            }
        }

        /// <summary>
        /// Begins a session: persists the raised counter, then returns the card's 32-byte contribution c_card.
        /// </summary>
        /// <exception cref="StorageException">The counter could not be written; nothing was contributed.</exception>
        public byte[] NextContribution()
        {
            long counter = SessionsBegun + 1;
            byte[] encoded = new byte[CounterBytes];
            for (int i = 0; i < CounterBytes; i++)
            {
                encoded[i] = (byte)(counter >> (8 * (CounterBytes - 1 - i)));
            }

            _log.Put(StorageKeys.SessionCounter, encoded, 0, CounterBytes);

            byte[] fresh = new byte[JointSessionId.ContributionBytes];
            try
            {
                _random.Fill(fresh, 0, fresh.Length);
                Sha256 sha = new Sha256();
                sha.Update(Domain, 0, Domain.Length);
                sha.Update(encoded, 0, CounterBytes);
                sha.Update(fresh, 0, fresh.Length);
                byte[] contribution = new byte[JointSessionId.ContributionBytes];
                sha.Final(contribution, 0);
                return contribution;
            }
            finally
            {
                Wipe.Bytes(fresh);
            }
        }
    }
}
