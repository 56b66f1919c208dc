using CardFirmware.Biometrics;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Drivers.Fpc1020;
using CardFirmware.Storage;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The tap to approve on real hardware: a touch on the sensor, the fuzzy extractor run with
    /// the enrolled finger's public helper data, and the failed-touch counter charged on flash
    /// before the touch is evaluated. Only a reproduced key leaves; every refusal is typed.
    /// </summary>
    /// <remarks>
    /// Security: the frame and the extractor's buffers are wiped after every touch, whatever the
    /// outcome; the returned key is the caller's to wipe. A capture the quality gate refuses is
    /// given back to the counter, since the extractor never compared it with the enrolled finger.
    /// </remarks>
    public sealed class SensorFingerKeyReader : IFingerKeyReader
    {
        private readonly FingerSensor _sensor;
        private readonly FingerKeyExtractor _extractor;
        private readonly TouchCounter _counter;
        private readonly RecordLog _log;
        private readonly IFrameStore _frame;
        private readonly RecordHelperData _helperData;

        /// <summary>Creates the reader; <paramref name="frame"/> is the card's one frame store (managed, or the native module's resident frame).</summary>
        public SensorFingerKeyReader(FingerSensor sensor, FingerKeyExtractor extractor, TouchCounter counter,
            RecordLog log, IFrameStore frame)
        {
            _sensor = sensor;
            _extractor = extractor;
            _counter = counter;
            _log = log;
            _frame = frame;
            _helperData = new RecordHelperData(log, StorageKeys.FingerHelperData);
        }

        /// <inheritdoc />
        public bool IsEnrolled
        {
            get { return _log.Contains(StorageKeys.FingerHelperData); }
        }

        /// <summary>Why the last touch was refused for quality (None when it was not).</summary>
        public QualityError LastQuality { get; private set; }

        /// <inheritdoc />
        public byte[] ReadKey(int timeoutMilliseconds)
        {
            if (!IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            if (_counter.IsLocked)
            {
                throw new CommandException(WireStatus.Locked);
            }

            byte[] key = new byte[FingerKeyExtractor.KeyLength];
            bool handedOut = false;
            LastQuality = QualityError.None;
            try
            {
                if (!_sensor.Capture(timeoutMilliseconds, _frame))
                {
                    throw new CommandException(WireStatus.NoFinger);
                }

                if (!_counter.BeginAttempt())
                {
                    throw new CommandException(WireStatus.Locked);
                }

                ReproduceOutcome outcome = Reproduce(key);
                if (outcome == ReproduceOutcome.Reproduced)
                {
                    _counter.Succeeded();
                    handedOut = true;
                    return key;
                }

                if (outcome == ReproduceOutcome.PoorCapture)
                {
                    LastQuality = _extractor.LastQuality;
                    _counter.Refund();
                    throw new CommandException(WireStatus.PoorCapture);
                }

                throw new CommandException(_counter.IsLocked ? WireStatus.Locked : WireStatus.FingerNotRecognized);
            }
            finally
            {
                _frame.Clear();
                _extractor.Clear();
                if (!handedOut)
                {
                    Wipe.Bytes(key);
                }
            }
        }

        // The helper data is streamed from its flash record (never 7 KB in RAM).
        private ReproduceOutcome Reproduce(byte[] key)
        {
            try
            {
                return _extractor.Reproduce(_frame.Pixels, _helperData, key);
            }
            catch (BiometricException)
            {
                // Helper data that does not parse is damaged storage: the touch proves nothing,
                // and the counter keeps the charge (a flash fault must not buy free attempts).
                throw new StorageException(StorageError.Corrupt);
            }
        }
    }
}
