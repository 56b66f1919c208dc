using CardFirmware.Biometrics;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Drivers.Fpc1020;
using CardFirmware.Storage;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// Enrollment of the owner's finger, one touch per request, so the phone can show progress and
    /// ask for a better touch. Request payload: empty. Reply payload: <see cref="EnrollReply"/>.
    /// First <see cref="FingerKeyExtractor.EnrollmentTouches"/> accepted touches
    /// (<see cref="EnrollReply.TouchAccepted"/>, or <see cref="EnrollReply.TouchRefused"/> with the
    /// <see cref="QualityError"/> the phone shows); the last one builds the vault in RAM and answers
    /// <see cref="EnrollReply.Confirming"/>. Then confirmation touches (<see cref="EnrollmentConfirmation"/>):
    /// each that releases the new vault's key counts a match (<see cref="EnrollReply.Confirming"/>),
    /// one that does not a miss (<see cref="EnrollReply.ConfirmMissed"/>), one the quality gate refuses
    /// nothing (<see cref="EnrollReply.ConfirmRefused"/>). <see cref="EnrollmentConfirmation.Required"/>
    /// matches store the enrollment (<see cref="EnrollReply.Complete"/>); once the touches left cannot
    /// reach them the enrollment is dropped with <see cref="WireStatus.EnrollmentNotConfirmed"/>. No
    /// finger within the timeout answers NoFinger and drops the enrollment in progress; a malformed
    /// request is refused and leaves it as it was.
    /// </summary>
    /// <remarks>
    /// Only the public helper data reaches flash, and only once the finger confirmed it: an enrollment
    /// being built or confirmed lives in RAM, so a power cut before the commit leaves the card as it
    /// was (not enrolled). The failed-touch counter is reset before the helper data is written: a cut
    /// in between leaves a card that is not enrolled (enroll again), never an enrolled card whose
    /// missing counter reads as locked. Confirmation touches charge no counter: nothing is stored
    /// that they could guess at.
    /// Security: touches accumulate inside the extractor for this session only; the session's
    /// end (or any refusal) wipes them, and every key made (at the vault's building and by each
    /// confirmation touch) is wiped at once: wallets are sealed under a key reproduced from a later touch.
    /// </remarks>
    public sealed class EnrollHandler : ICommandHandler, ISessionScoped
    {
        private const int EntropyLength = 32;

        private readonly FingerSensor _sensor;
        private readonly FingerKeyExtractor _extractor;
        private readonly SensorFingerKeyReader _reader;
        private readonly TouchCounter _counter;
        private readonly RecordLog _log;
        private readonly IRandomSource _random;
        private readonly CardInfo _info;
        private readonly IFrameStore _frame;
        private readonly int _touchTimeoutMilliseconds;

        // The enrollment being confirmed: its helper data (public, in RAM only) and the confirmation
        // touches compared with it so far and those that released its key.
        private byte[] _pending;
        private int _confirmTouches;
        private int _confirmMatches;

        /// <summary>
        /// Creates the handler over the card's sensor, extractor and frame store. An enrollment touch needs its
        /// codes in managed memory (the tally reads them), so when the card's frame is the native module's resident
        /// frame each enrollment touch gets a 36,864-byte managed frame of its own, dropped when the touch ends;
        /// confirmation touches use the card's frame.
        /// </summary>
        public EnrollHandler(FingerSensor sensor, FingerKeyExtractor extractor, SensorFingerKeyReader reader,
            TouchCounter counter, RecordLog log, IRandomSource random, CardInfo info, IFrameStore frame, int touchTimeoutMilliseconds)
        {
            _sensor = sensor;
            _extractor = extractor;
            _reader = reader;
            _counter = counter;
            _log = log;
            _random = random;
            _info = info;
            _frame = frame;
            _touchTimeoutMilliseconds = touchTimeoutMilliseconds;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 0)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (_reader.IsEnrolled)
            {
                throw new CommandException(WireStatus.AlreadyEnrolled);
            }

            bool keep = false;
            IFrameStore frame = _pending == null ? EnrollmentFrame() : _frame;
            try
            {
                if (!_sensor.Capture(_touchTimeoutMilliseconds, frame))
                {
                    throw new CommandException(WireStatus.NoFinger);
                }

                byte[] reply = _pending == null ? EnrollmentTouch(frame.Pixels) : ConfirmationTouch(frame.Pixels);
                keep = true;
                return reply;
            }
            finally
            {
                frame.Clear();
                if (!keep)
                {
                    Drop();
                }
            }
        }

        /// <inheritdoc />
        public void EndSession()
        {
            Drop();
        }

        // The card's frame if it is a managed array; else one for this touch only.
        private IFrameStore EnrollmentFrame()
        {
            return _frame.Pixels.Length == Fpc1020Sensor.ImageSize ? _frame : new ManagedFrameStore(new byte[Fpc1020Sensor.ImageSize]);
        }

        private byte[] EnrollmentTouch(byte[] frame)
        {
            QualityError quality = _extractor.AddEnrollmentTouch(frame);
            if (quality != QualityError.None)
            {
                return Reply(EnrollReply.TouchRefused, (int)quality, _extractor.EnrollmentTouchesAccepted, FingerKeyExtractor.EnrollmentTouches);
            }

            if (_extractor.EnrollmentTouchesAccepted < FingerKeyExtractor.EnrollmentTouches)
            {
                return Reply(EnrollReply.TouchAccepted, 0, _extractor.EnrollmentTouchesAccepted, FingerKeyExtractor.EnrollmentTouches);
            }

            Build();
            return Reply(EnrollReply.Confirming, 0, 0, EnrollmentConfirmation.Required);
        }

        private byte[] ConfirmationTouch(byte[] frame)
        {
            ReproduceOutcome outcome = Reproduce(frame);
            if (outcome == ReproduceOutcome.PoorCapture)
            {
                return Reply(EnrollReply.ConfirmRefused, (int)_extractor.LastQuality, _confirmMatches, EnrollmentConfirmation.Required);
            }

            _confirmTouches++;
            if (outcome == ReproduceOutcome.Reproduced)
            {
                _confirmMatches++;
            }

            if (_confirmMatches >= EnrollmentConfirmation.Required)
            {
                Commit();
                return new EnrollReply(EnrollReply.Complete, 0, FingerKeyExtractor.EnrollmentTouches, FingerKeyExtractor.EnrollmentTouches, 0).Encode();
            }

            if (_confirmMatches + EnrollmentConfirmation.Touches - _confirmTouches < EnrollmentConfirmation.Required)
            {
                // The handler's finally drops the enrollment: nothing of it was stored.
                throw new CommandException(WireStatus.EnrollmentNotConfirmed);
            }

            return Reply(outcome == ReproduceOutcome.Reproduced ? EnrollReply.Confirming : EnrollReply.ConfirmMissed, 0, _confirmMatches,
                EnrollmentConfirmation.Required);
        }

        // Locks a fresh key under the enrollment touches' codes; the helper data waits in RAM for the
        // confirmation, the key is not needed (a confirmation touch's key is checked by the vault itself).
        private void Build()
        {
            byte[] entropy = new byte[EntropyLength];
            byte[] key = new byte[FingerKeyExtractor.KeyLength];
            try
            {
                _random.Fill(entropy, 0, entropy.Length);
                try
                {
                    _pending = _extractor.FinishEnrollment(entropy, key);
                }
                catch (BiometricException)
                {
                    // The touches did not make a distinctive enough finger: start over.
                    throw new CommandException(WireStatus.PoorCapture);
                }

                _confirmTouches = 0;
                _confirmMatches = 0;
            }
            finally
            {
                Wipe.Bytes(entropy);
                Wipe.Bytes(key);
            }
        }

        // One confirmation touch against the pending helper data; the key it may release is wiped at once.
        private ReproduceOutcome Reproduce(byte[] frame)
        {
            byte[] key = new byte[FingerKeyExtractor.KeyLength];
            try
            {
                return _extractor.Reproduce(frame, _pending, key);
            }
            catch (BiometricException)
            {
                // The card's own helper data, just made, did not parse: an internal fault.
                throw new CommandException(WireStatus.InternalError);
            }
            finally
            {
                Wipe.Bytes(key);
                _extractor.Clear();
            }
        }

        private void Commit()
        {
            _counter.Reset(_pending);
            _log.Put(StorageKeys.FingerHelperData, _pending);
            _info.Enrolled = true;
            Drop();
        }

        // Forgets the enrollment in progress (touches, vault being confirmed, counts).
        private void Drop()
        {
            _extractor.Clear();
            _pending = null;
            _confirmTouches = 0;
            _confirmMatches = 0;
        }

        private byte[] Reply(int outcome, int quality, int accepted, int required)
        {
            int left = _pending == null ? EnrollmentConfirmation.Touches : EnrollmentConfirmation.Touches - _confirmTouches;
            return new EnrollReply(outcome, quality, accepted, required, left).Encode();
        }
    }
}
