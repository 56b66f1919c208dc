using CardFirmware.Biometrics;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// Enrollment of the owner's finger, one touch per request, so the phone can show progress and
    /// ask for a better touch. Request payload: empty. Reply payload: <see cref="EnrollReply"/>
    /// (<c>outcome(1) | quality(1) | accepted(1) | required(1)</c>), where outcome is
    /// <see cref="EnrollReply.TouchAccepted"/>, <see cref="EnrollReply.TouchRefused"/> (quality = the
    /// <see cref="QualityError"/> the phone shows) or <see cref="EnrollReply.Complete"/> once the last
    /// touch made the helper data. No finger within the timeout answers NoFinger.
    /// </summary>
    /// <remarks>
    /// Only the public helper data reaches flash. The failed-touch counter is reset before the
    /// helper data is written: a cut in between leaves a card that is not enrolled (enroll
    /// again), never an enrolled card whose missing counter reads as locked.
    /// Security: touches accumulate inside the extractor for this session only; the session's
    /// end (or any refusal) wipes them, and the key made at the end is wiped at once: wallets
    /// are sealed under a key reproduced from a later touch.
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
        private readonly byte[] _frame;
        private readonly int _touchTimeoutMilliseconds;

        /// <summary>Creates the handler over the card's sensor, extractor and frame buffer.</summary>
        public EnrollHandler(FingerSensor sensor, FingerKeyExtractor extractor, SensorFingerKeyReader reader,
            TouchCounter counter, RecordLog log, IRandomSource random, CardInfo info, byte[] frame, int touchTimeoutMilliseconds)
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
            try
            {
                if (!_sensor.Capture(_touchTimeoutMilliseconds, _frame))
                {
                    throw new CommandException(WireStatus.NoFinger);
                }

                QualityError quality = _extractor.AddEnrollmentTouch(_frame);
                Wipe.Bytes(_frame);
                if (quality != QualityError.None)
                {
                    keep = true;
                    return Reply(EnrollReply.TouchRefused, (int)quality, _extractor.EnrollmentTouchesAccepted);
                }

                if (_extractor.EnrollmentTouchesAccepted < FingerKeyExtractor.EnrollmentTouches)
                {
                    keep = true;
                    return Reply(EnrollReply.TouchAccepted, 0, _extractor.EnrollmentTouchesAccepted);
                }

                Finish();
                return Reply(EnrollReply.Complete, 0, FingerKeyExtractor.EnrollmentTouches);
            }
            finally
            {
                Wipe.Bytes(_frame);
                if (!keep)
                {
                    _extractor.Clear();
                }
            }
        }

        /// <inheritdoc />
        public void EndSession()
        {
            _extractor.Clear();
        }

        private void Finish()
        {
            byte[] entropy = new byte[EntropyLength];
            byte[] key = new byte[FingerKeyExtractor.KeyLength];
            try
            {
                _random.Fill(entropy, 0, entropy.Length);
                byte[] helperData;
                try
                {
                    helperData = _extractor.FinishEnrollment(entropy, key);
                }
                catch (BiometricException)
                {
                    // The touches did not make a distinctive enough finger: start over.
                    throw new CommandException(WireStatus.PoorCapture);
                }

                _counter.Reset(helperData);
                _log.Put(StorageKeys.FingerHelperData, helperData);
                _info.Enrolled = true;
            }
            finally
            {
                Wipe.Bytes(entropy);
                Wipe.Bytes(key);
            }
        }

        private static byte[] Reply(int outcome, int quality, int accepted)
        {
            return new EnrollReply(outcome, quality, accepted, FingerKeyExtractor.EnrollmentTouches).Encode();
        }
    }
}
