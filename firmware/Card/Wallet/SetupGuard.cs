using CardFirmware.Card.Identity;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Wallet
{
    /// <summary>
    /// Remembers on flash that a phone was caught cheating against the wallet's signing setup, and keeps
    /// the card from signing with that setup again (DESIGN "Threshold protocol rules"). Record
    /// <see cref="StorageKeys.CompromisedSetup"/>: <c>key id(32) | reason(1)</c>.
    /// </summary>
    /// <remarks>
    /// Security: the outcome of the OT-extension consistency check depends on bits of the card's long-term
    /// Δ, and the multiplication and DKLs23 checks on its secrets, so each failure tells a probing phone
    /// something (selective failure, KOS15 §4 / DKLs19 §6). Condemning the setup on the first failure, on
    /// flash and before the reply, caps what all probes together can learn at that one outcome. The record
    /// stands across reboots; a factory reset (or a new wallet, with fresh base OTs) removes it. Any record
    /// under the key, whatever its length, condemns: damage fails closed.
    /// </remarks>
    public sealed class SetupGuard
    {
        private readonly RecordLog _log;

        /// <summary>Creates the guard over the card's record log.</summary>
        public SetupGuard(RecordLog log)
        {
            _log = log;
        }

        /// <summary>True while the wallet's signing setup is condemned.</summary>
        public bool IsCondemned
        {
            get { return _log.Contains(StorageKeys.CompromisedSetup); }
        }

        /// <summary>
        /// True for the aborts that a cheating peer causes through a check whose outcome depends on the card's
        /// secrets: OtExtensionCheckFailed, MultiplicationCheckFailed, ConsistencyCheckFailed.
        /// </summary>
        public static bool IsDetectedCheat(ThresholdError reason)
        {
            return reason == ThresholdError.OtExtensionCheckFailed || reason == ThresholdError.MultiplicationCheckFailed
                || reason == ThresholdError.ConsistencyCheckFailed;
        }

        /// <summary>Condemns the setup of key <paramref name="keyId"/> (32 bytes) for <paramref name="reason"/>; written at once.</summary>
        /// <exception cref="StorageException">The record could not be written.</exception>
        public void Condemn(byte[] keyId, ThresholdError reason)
        {
            byte[] record = new byte[33];
            System.Array.Copy(keyId, 0, record, 0, 32);
            record[32] = (byte)reason;
            _log.Put(StorageKeys.CompromisedSetup, record);
        }

        /// <summary>Lifts the condemnation once the setup it named is gone (a new wallet with fresh base OTs).</summary>
        public void Lift()
        {
            _log.Delete(StorageKeys.CompromisedSetup);
        }
    }
}
