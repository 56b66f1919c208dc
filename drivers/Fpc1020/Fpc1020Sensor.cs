using System;
using CardFirmware.Hal;

namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// Driver for an FPC1020A capacitive area sensor (192 x 192 px, 508 dpi, 8-bit grey) on SPI
    /// mode 0 at up to 8 MHz, with its active-high IRQ line and active-low RST line, following
    /// the fact sheet <c>shared/specs/fpc1020-protocol.md</c> (sections cited as §n).
    /// <para>
    /// Use: <see cref="Initialize"/> (reset, id check, revision probe, register setup), then
    /// <see cref="WaitForFinger"/> and <see cref="CaptureImage"/>; <see cref="Sleep"/> or
    /// <see cref="DeepSleep"/> between sessions; <see cref="Dispose"/> leaves the chip in deep sleep.
    /// Every failure is a <see cref="SensorException"/>; afterwards <see cref="Initialize"/> brings
    /// the sensor back. Every wait is bounded (no unbounded busy loop).
    /// </para>
    /// Not thread-safe: one thread drives the sensor; only the IRQ edge handler runs elsewhere.
    /// </summary>
    /// <remarks>
    /// Security: pixels go only into the caller's frame store (cleared here when a frame is rejected);
    /// the driver keeps no image. Its 1,536-byte row batch holds pixels only during a read-out and is
    /// cleared when the read-out ends, whatever its outcome. The same buffer takes the test-pattern and
    /// flush windows of <see cref="Initialize"/>, which carry no finger data, and is cleared after them anyway.
    /// </remarks>
    public class Fpc1020Sensor : IDisposable
    {
        /// <summary>Pixels per row.</summary>
        public const int Width = 192;

        /// <summary>Rows per frame.</summary>
        public const int Height = 192;

        /// <summary>Bytes of a full frame (192 * 192 = 36864), row-major, first pixel first (§7).</summary>
        public const int ImageSize = Width * Height;

        /// <summary>The FPC1020A hardware id (§4.4).</summary>
        public const int ExpectedHardwareId = 0x020A;

        /// <summary>A finger is down when more than this many of the 12 zones are covered (§5, FPC policy).</summary>
        public const int FingerDownZoneCount = 6;

        private const byte StatusModeBits = 0x0E;
        private const int ProbeRows = 5;
        private const int ProbeSize = ProbeRows * Width;
        private const int FlushSize = 72;
        private const int MaxFrameLength = 9;
        private const int MaxIrqWakeups = 16;

        /// <summary>Rows per SPI transfer of the read-out (§6.5: split reads continue with C4 and no dummy byte).</summary>
        public const int RowsPerTransfer = 8;

        private readonly ISpiDevice _spi;
        private readonly IInputPin _irq;
        private readonly IOutputPin _reset;
        private readonly IClock _clock;
        private readonly IWaitSignal _irqSignal;
        private readonly PinEdgeHandler _edgeHandler;
        private readonly byte[][] _tx;
        private readonly byte[][] _rx;
        private readonly byte[] _readImageCommand;
        private readonly byte[] _rowBatch = new byte[RowsPerTransfer * Width];
        private readonly IGreyLevelPercentiles _percentiles;
        private readonly int[] _ranks = new int[2];
        private readonly int[] _levels = new int[2];
        private readonly byte[] _shiftGain = new byte[2];
        private byte _fingerDrive;
        private bool _initialized;
        private bool _asleep;
        private bool _disposed;

        /// <summary>
        /// Binds the driver to its bus and pins; touches no hardware until <see cref="Initialize"/>.
        /// </summary>
        /// <param name="spi">The sensor's SPI device (mode 0, MSB first, at most 8 MHz, §2).</param>
        /// <param name="irq">The IRQ line (active high, §2).</param>
        /// <param name="reset">The RST_N line (active low, §2).</param>
        /// <param name="clock">Delays and the IRQ signal's time base.</param>
        public Fpc1020Sensor(ISpiDevice spi, IInputPin irq, IOutputPin reset, IClock clock)
            : this(spi, irq, reset, clock, new ManagedGreyLevelPercentiles())
        {
        }

        /// <summary>
        /// As <see cref="Fpc1020Sensor(ISpiDevice, IInputPin, IOutputPin, IClock)"/>, with the frame's grey-level
        /// percentiles (<see cref="AdcCalibration"/>) taken by <paramref name="percentiles"/> (the card's native
        /// module; the same levels as <see cref="ManagedGreyLevelPercentiles"/>).
        /// </summary>
        public Fpc1020Sensor(ISpiDevice spi, IInputPin irq, IOutputPin reset, IClock clock, IGreyLevelPercentiles percentiles)
        {
            if (percentiles == null)
            {
                throw new ArgumentNullException("percentiles");
            }

            if (spi == null)
            {
                throw new ArgumentNullException("spi");
            }

            if (irq == null)
            {
                throw new ArgumentNullException("irq");
            }

            if (reset == null)
            {
                throw new ArgumentNullException("reset");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _percentiles = percentiles;
            _spi = spi;
            _irq = irq;
            _reset = reset;
            _clock = clock;
            _irqSignal = clock.CreateSignal();
            _tx = new byte[MaxFrameLength + 1][];
            _rx = new byte[MaxFrameLength + 1][];
            for (int length = 1; length <= MaxFrameLength; length++)
            {
                _tx[length] = new byte[length];
                _rx[length] = new byte[length];
            }

            _readImageCommand = new byte[] { (byte)Command.ReadImageData, 0x00 };
            _fingerDrive = Fpc1020Recipe.FingerDriveExternal;
            _edgeHandler = new PinEdgeHandler(OnIrqEdge);
            _irq.Edge += _edgeHandler;
        }

        /// <summary>True if the last <see cref="CaptureImage"/> recaptured at a per-finger ADC setting (<see cref="LastShift"/>, <see cref="LastGain"/>).</summary>
        public bool LastCaptureRecalibrated { get; private set; }

        /// <summary>ADC shift (0-31) of the last per-finger recapture.</summary>
        public int LastShift
        {
            get { return _shiftGain[0]; }
        }

        /// <summary>ADC gain (0-15) of the last per-finger recapture.</summary>
        public int LastGain
        {
            get { return _shiftGain[1]; }
        }

        /// <summary>The id read by the last <see cref="Initialize"/> (0 before).</summary>
        public int HardwareId { get; private set; }

        /// <summary>The revision found by the last <see cref="Initialize"/>.</summary>
        public SensorRevision Revision { get; private set; }

        /// <summary>True after a successful <see cref="Initialize"/> until an error that needs a reset.</summary>
        public bool IsInitialized
        {
            get { return _initialized; }
        }

        /// <summary>
        /// FINGER_DRIVE_CONF written by <see cref="Initialize"/>: 0x02 (default) when VDDTX is
        /// supplied, 0x12 for the internal supply (§4.3). Set before <see cref="Initialize"/>.
        /// </summary>
        public byte FingerDrive
        {
            get { return _fingerDrive; }
            set { _fingerDrive = value; }
        }

        /// <summary>
        /// Brings the sensor to a known state: hardware reset with one retry and the reset
        /// handshake (§6.1), hardware id check (§4.4), ADC flush capture (§6.1 step 7), revision
        /// probe (§6.2) and the revision's register recipe (§6.3).
        /// Throws <see cref="SensorException"/> (ResetNotAcknowledged, IrqStuck, WrongHardwareId,
        /// UnknownRevision, IrqTimeout, CaptureFailed, FifoUnderflow, SpontaneousReset).
        /// </summary>
        public void Initialize()
        {
            RequireNotDisposed();
            _initialized = false;
            _asleep = false;
            HardwareId = 0;
            Revision = SensorRevision.Unknown;
            HardwareReset();
            CheckHardwareId();
            try
            {
                WriteRegister(Register.ImageCaptureSize, Fpc1020Recipe.FlushWindow);
                CaptureInto(_rowBatch, FlushSize);
                Revision = ProbeRevision();
            }
            finally
            {
                Array.Clear(_rowBatch, 0, _rowBatch.Length);
            }

            ApplySetup();
            _initialized = true;
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for a finger (§6.4): the sensor's
        /// wait-for-finger command (interrupt-driven), then finger queries every 20 ms until more
        /// than <see cref="FingerDownZoneCount"/> zones are covered. Returns false on timeout, with
        /// the sensor back in idle. Throws <see cref="SensorException"/> (WrongWakeReason,
        /// IrqTimeout, IrqStuck, SpontaneousReset, BadResponse).
        /// </summary>
        public bool WaitForFinger(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            RequireReady();
            try
            {
                long deadline = _clock.UptimeMilliseconds + timeoutMilliseconds;
                ApplyDetectSettings();
                ReadInterruptsAndClear();
                DrainIrqSignal();
                SendCommand(Command.WaitForFinger);
                if (!WaitForIrq(Remaining(deadline)))
                {
                    CancelToIdle();
                    return false;
                }

                int flags = ReadInterruptsAndClear();
                if ((flags & (InterruptFlags.FingerDown | InterruptFlags.CommandDone)) == 0)
                {
                    throw new SensorException(SensorError.WrongWakeReason, flags, "Wait-for-finger interrupt without finger or done flag.");
                }

                return ConfirmFinger(deadline);
            }
            catch (SensorException error)
            {
                NoteFailure(error);
                throw;
            }
        }

        /// <summary>
        /// Low-power variant of <see cref="WaitForFinger"/> (§6.4 last paragraph, §6.6): puts the
        /// sensor in sleep, where it checks the centre zones about once a second, waits up to
        /// <paramref name="timeoutMilliseconds"/> for its wake-up IRQ (0x80 or 0x81 accepted), then
        /// confirms with finger queries as <see cref="WaitForFinger"/> does. Returns false on
        /// timeout, with the sensor woken to idle. Reacts up to one sleep period late.
        /// </summary>
        public bool WaitForFingerInSleep(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            RequireReady();
            try
            {
                long deadline = _clock.UptimeMilliseconds + timeoutMilliseconds;
                ApplyDetectSettings();
                ReadInterruptsAndClear();
                DrainIrqSignal();
                EnterLowPowerCore(Command.ActivateSleep);
                bool woken = WaitForIrq(Remaining(deadline));
                _asleep = false;
                if (!woken)
                {
                    CancelToIdle();
                    return false;
                }

                int flags = ReadInterruptsAndClear();
                if ((flags & InterruptFlags.CommandDone) == 0)
                {
                    throw new SensorException(SensorError.WrongWakeReason, flags, "Sleep wake-up interrupt without done flag.");
                }

                return ConfirmFinger(deadline);
            }
            catch (SensorException error)
            {
                _asleep = false;
                NoteFailure(error);
                throw;
            }
        }

        /// <summary>
        /// One finger query (§4.1 0x20): the bitmap of covered detect zones, bits 11:0 (§5).
        /// </summary>
        public int QueryFingerZones()
        {
            RequireReady();
            try
            {
                ApplyDetectSettings();
                return QueryZones();
            }
            catch (SensorException error)
            {
                NoteFailure(error);
                throw;
            }
        }

        /// <summary>True when more than <see cref="FingerDownZoneCount"/> zones are covered now.</summary>
        public bool IsFingerPresent()
        {
            return CountZones(QueryFingerZones()) > FingerDownZoneCount;
        }

        /// <summary>
        /// Captures a full frame into <paramref name="image"/> (exactly <see cref="ImageSize"/> bytes, row-major,
        /// first pixel = row 0 column 0, §7), as <see cref="CaptureImage(IFrameStore)"/> does into a
        /// <see cref="ManagedFrameStore"/> over it.
        /// </summary>
        /// <remarks>Security: <paramref name="image"/> holds biometric data; the caller owns it and wipes it.</remarks>
        public void CaptureImage(byte[] image)
        {
            if (image == null)
            {
                throw new ArgumentNullException("image");
            }

            CaptureImage(new ManagedFrameStore(image));
        }

        /// <summary>
        /// Captures a full frame into <paramref name="frame"/> and checks it (§6.5): exactly the
        /// image-ready flag after the capture, no FIFO underflow after the read-out, and the finger
        /// still on the sensor afterwards (§9). The read-out is <see cref="RowsPerTransfer"/> rows per SPI
        /// transfer, each batch handed to the store, so the driver holds no frame-sized buffer.
        /// On any failure the frame is cleared and a <see cref="SensorException"/> is thrown.
        /// </summary>
        /// <remarks>Security: the frame holds biometric data; the caller owns it and wipes it.</remarks>
        /// <remarks>
        /// The first capture uses the recipe's ADC setting (§6.3); a frame whose grey levels are
        /// compressed (a dry or lightly pressed finger: 2nd-98th percentile spread under
        /// <see cref="AdcCalibration.MinSpread"/>) is captured once more with the gain and shift
        /// <see cref="AdcCalibration"/> chooses for this finger, so one touch may take two captures.
        /// The percentiles given to the constructor read <see cref="IFrameStore.Pixels"/>.
        /// </remarks>
        public void CaptureImage(IFrameStore frame)
        {
            if (frame == null)
            {
                throw new ArgumentNullException("frame");
            }

            RequireReady();
            bool accepted = false;
            try
            {
                ApplyCaptureSettings();
                WriteRegister(Register.ImageCaptureSize, Fpc1020Recipe.FullWindow);
                CaptureFrame(frame);
                byte[] recipe = IsEarlyRevision() ? Fpc1020Recipe.CaptureShiftGainA12 : Fpc1020Recipe.ShiftGainA34;
                LastCaptureRecalibrated = AdcCalibration.Choose(frame.Pixels, ImageSize, _percentiles, _ranks, _levels, recipe[0], recipe[1], _shiftGain);
                if (LastCaptureRecalibrated)
                {
                    WriteRegister(Register.AdcShiftGain, _shiftGain);
                    CaptureFrame(frame);
                }

                ApplyDetectSettings();
                if (QueryZones() == 0)
                {
                    throw new SensorException(SensorError.FingerLifted, 0, "No zone covered after the read-out.");
                }

                accepted = true;
            }
            catch (SensorException error)
            {
                NoteFailure(error);
                throw;
            }
            finally
            {
                if (!accepted)
                {
                    frame.Clear();
                }
            }
        }

        /// <summary>
        /// Puts the sensor in sleep (§6.6): low power, waking on a finger over the centre zones
        /// with an IRQ. Confirmed through STATUS (bits 1-3 clear), retried once; else SleepNotEntered.
        /// Leave with <see cref="WakeUp"/> or <see cref="Initialize"/>.
        /// </summary>
        public void Sleep()
        {
            EnterLowPower(Command.ActivateSleep);
        }

        /// <summary>Puts the sensor in deep sleep (§6.6): lowest power, no finger detection. Leave with <see cref="WakeUp"/> or <see cref="Initialize"/>.</summary>
        public void DeepSleep()
        {
            EnterLowPower(Command.ActivateDeepSleep);
        }

        /// <summary>Leaves sleep or deep sleep without a reset (§6.6): idle command, its IRQ, clear.</summary>
        public void WakeUp()
        {
            RequireNotDisposed();
            if (!_initialized)
            {
                throw new InvalidOperationException("Initialize the sensor first.");
            }

            try
            {
                CancelToIdle();
                _asleep = false;
            }
            catch (SensorException error)
            {
                NoteFailure(error);
                throw;
            }
        }

        /// <summary>Puts the chip in deep sleep (best effort) and detaches from the IRQ line.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (_initialized && !_asleep)
                {
                    EnterLowPowerCore(Command.ActivateDeepSleep);
                }
            }
            catch (SensorException)
            {
                // The chip did not confirm; it is left as it is, and the next owner resets it.
            }
            finally
            {
                _irq.Edge -= _edgeHandler;
                _disposed = true;
                _initialized = false;
            }
        }

        private void OnIrqEdge(bool risingEdge)
        {
            // Interrupt context: only signal; the waiting thread reads the registers (§2).
            if (risingEdge)
            {
                _irqSignal.Set();
            }
        }

        // §6.1: RST_N high >= 100 µs, low >= 1 ms, high; IRQ high within 1.3 ms; 0x1C = 0xFF; IRQ
        // low; a second 0x1C = 0x00; STATUS shows idle. FPC retries the pulse once.
        private void HardwareReset()
        {
            if (!PulseResetAndWaitForIrq() && !PulseResetAndWaitForIrq())
            {
                throw new SensorException(SensorError.ResetNotAcknowledged, -1, "IRQ did not rise after reset.");
            }

            int flags = ReadByteRegister(Register.IrqStatusClear);
            if (flags != InterruptFlags.ResetOccurred)
            {
                throw new SensorException(SensorError.ResetNotAcknowledged, flags, "First interrupt read after reset was not 0xFF.");
            }

            int again = ReadByteRegister(Register.IrqStatusClear);
            if (_irq.Read() || again != InterruptFlags.None)
            {
                throw new SensorException(SensorError.IrqStuck, again, "Interrupt not cleared after reset.");
            }

            int status = ReadStatus();
            if ((status & StatusModeBits) != StatusModeBits)
            {
                throw new SensorException(SensorError.ResetNotAcknowledged, status, "STATUS does not show idle after reset.");
            }
        }

        private bool PulseResetAndWaitForIrq()
        {
            _reset.Write(true);
            _clock.Delay(Fpc1020Timing.ResetSettle);
            _reset.Write(false);
            _clock.Delay(Fpc1020Timing.ResetPulse);
            DrainIrqSignal();
            _reset.Write(true);
            return WaitForIrq(Fpc1020Timing.ResetIrq);
        }

        private void CheckHardwareId()
        {
            HardwareId = ReadWordRegister(Register.HardwareId);
            if (HardwareId != ExpectedHardwareId)
            {
                throw new SensorException(SensorError.WrongHardwareId, HardwareId, "Hardware id is not FPC1020A (0x020A).");
            }
        }

        // §6.2: test capacitors on, shift 15 gain 0, window rows 0-4; means of columns 0-31 and
        // 160-191 over rows 1-4 pick the revision.
        private SensorRevision ProbeRevision()
        {
            WriteRegister(Register.AdcShiftGain, Fpc1020Recipe.ProbeShiftGain);
            WriteRegister(Register.TestColumnPatternEnable, Fpc1020Recipe.ProbeTestPattern);
            WriteRegister(Register.FingerDriveConfig, Fpc1020Recipe.ProbeFingerDrive);
            WriteRegister(Register.ImageCaptureSize, Fpc1020Recipe.ProbeWindow);
            CaptureInto(_rowBatch, ProbeSize);
            int left = ProbeMean(0);
            int right = ProbeMean(Width - 32);
            SensorRevision revision = Fpc1020Recipe.RevisionFromProbe(left, right);
            if (revision == SensorRevision.Unknown)
            {
                throw new SensorException(SensorError.UnknownRevision, (left << 8) | right, "Revision probe matched no known revision.");
            }

            return revision;
        }

        private int ProbeMean(int firstColumn)
        {
            int sum = 0;
            for (int row = 1; row < ProbeRows; row++)
            {
                for (int column = firstColumn; column < firstColumn + 32; column++)
                {
                    sum += _rowBatch[row * Width + column];
                }
            }

            return sum / ((ProbeRows - 1) * 32);
        }

        // §6.3, in the table's order; A4 writes FINGER_DRIVE_DLY first and no PXL_RST_DLY,
        // A1/A2 add ADC_SETUP and ANA_TEST_MUX.
        private void ApplySetup()
        {
            int r = (int)Revision - 1;
            if (Revision == SensorRevision.A4)
            {
                WriteByteRegister(Register.FingerDriveDelay, Fpc1020Recipe.FingerDriveDelay[r]);
                WriteRegister(Register.SamplePixelDelay, Fpc1020Recipe.SamplePixelDelay[r]);
            }
            else
            {
                WriteRegister(Register.SamplePixelDelay, Fpc1020Recipe.SamplePixelDelay[r]);
                WriteByteRegister(Register.PixelResetDelay, Fpc1020Recipe.PixelResetDelay[r]);
                WriteByteRegister(Register.FingerDriveDelay, Fpc1020Recipe.FingerDriveDelay[r]);
            }

            if (IsEarlyRevision())
            {
                WriteRegister(Register.AdcSetup, Fpc1020Recipe.AdcSetupFirst);
                WriteRegister(Register.AnalogTestMux, Fpc1020Recipe.AnalogTestMux);
                WriteRegister(Register.AdcSetup, Fpc1020Recipe.AdcSetupSecond);
            }

            WriteByteRegister(Register.FingerDriveConfig, _fingerDrive);
            ApplyDetectSettings();
            WriteRegister(Register.ImageSetup, Fpc1020Recipe.ImageSetup);
            WriteByteRegister(Register.FingerDetectThreshold, Fpc1020Recipe.DetectThreshold);
            WriteRegister(Register.FingerDetectCounter, Fpc1020Recipe.DetectCounter);
        }

        private bool IsEarlyRevision()
        {
            return Revision == SensorRevision.A1 || Revision == SensorRevision.A2;
        }

        // §6.3 steps 8-9: finger-detect ADC settings, in force for every finger query.
        private void ApplyDetectSettings()
        {
            if (IsEarlyRevision())
            {
                WriteRegister(Register.AdcShiftGain, Fpc1020Recipe.DetectShiftGainA12);
                WriteRegister(Register.PixelControl, Fpc1020Recipe.DetectPixelControlA12);
            }
            else
            {
                WriteRegister(Register.AdcShiftGain, Fpc1020Recipe.ShiftGainA34);
                WriteRegister(Register.PixelControl, Fpc1020Recipe.DetectPixelControlA34);
            }
        }

        // §6.3 capture table: image ADC settings, in force for the capture only.
        private void ApplyCaptureSettings()
        {
            if (IsEarlyRevision())
            {
                WriteRegister(Register.AdcShiftGain, Fpc1020Recipe.CaptureShiftGainA12);
                WriteRegister(Register.PixelControl, Fpc1020Recipe.CapturePixelControlA12);
            }
            else
            {
                WriteRegister(Register.AdcShiftGain, Fpc1020Recipe.ShiftGainA34);
                WriteRegister(Register.PixelControl, Fpc1020Recipe.CapturePixelControlA34);
            }
        }

        // §6.5 steps 2-5 for a small window (the flush and the revision probe): capture, expect exactly
        // 0x20, read count pixels after one dummy byte in one frame, then check the error flag.
        private void CaptureInto(byte[] buffer, int count)
        {
            StartCapture();
            _spi.WriteThenRead(_readImageCommand, _readImageCommand.Length, buffer, 0, count);
            CheckReadOut();
        }

        // §6.5 steps 2-5 for the full window: the pixels RowsPerTransfer rows per CS frame (the first after
        // one dummy byte, the continuations with none), each batch into the store.
        private void CaptureFrame(IFrameStore frame)
        {
            StartCapture();
            try
            {
                for (int row = 0; row < Height; row += RowsPerTransfer)
                {
                    int commandBytes = row == 0 ? _readImageCommand.Length : 1;
                    _spi.WriteThenRead(_readImageCommand, commandBytes, _rowBatch, 0, _rowBatch.Length);
                    frame.WriteRows(row, _rowBatch, RowsPerTransfer);
                }
            }
            finally
            {
                Array.Clear(_rowBatch, 0, _rowBatch.Length);
            }

            CheckReadOut();
        }

        private void StartCapture()
        {
            int flags = RunCommand(Command.CaptureImage);
            if (flags != InterruptFlags.ImageAvailable)
            {
                throw new SensorException(SensorError.CaptureFailed, flags, "Capture interrupt was not 0x20.");
            }
        }

        private void CheckReadOut()
        {
            int after = ReadInterruptsAndClear();
            if ((after & InterruptFlags.Error) != 0)
            {
                int error = ReadByteRegister(Register.Error);
                throw new SensorException(SensorError.FifoUnderflow, error, "FIFO underflow during the read-out.");
            }
        }

        // §4.1 0x20: one snapshot, IRQ with bit 7 (and bit 0 when a zone is covered), then 0xD4.
        private int QueryZones()
        {
            int flags = RunCommand(Command.FingerPresentQuery);
            if ((flags & InterruptFlags.CommandDone) == 0)
            {
                throw new SensorException(SensorError.BadResponse, flags, "Finger query interrupt without done flag.");
            }

            int zones = ReadWordRegister(Register.FingerPresentStatus);
            if ((zones & 0xF000) != 0)
            {
                throw new SensorException(SensorError.BadResponse, zones, "Zone bitmap has bits 15:12 set.");
            }

            return zones;
        }

        // §6.4 step 4: finger queries every 20 ms until more than 6 zones are covered or time is up.
        private bool ConfirmFinger(long deadline)
        {
            while (true)
            {
                if (CountZones(QueryZones()) > FingerDownZoneCount)
                {
                    return true;
                }

                if (Remaining(deadline) < Fpc1020Timing.FingerPollPeriod)
                {
                    return false;
                }

                _clock.Delay(Fpc1020Timing.FingerPollPeriod);
            }
        }

        // §4.1 0x34: the idle request must be awaited or it may be lost.
        private void CancelToIdle()
        {
            RunCommand(Command.ActivateIdle);
        }

        private void EnterLowPower(Command command)
        {
            RequireReady();
            try
            {
                EnterLowPowerCore(command);
            }
            catch (SensorException error)
            {
                NoteFailure(error);
                throw;
            }
        }

        // §6.6: confirm with STATUS bits 1-3 clear, polling 5 x 1 ms; FPC retries the command once.
        private void EnterLowPowerCore(Command command)
        {
            int status = 0;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                SendCommand(command);
                for (int poll = 0; poll < Fpc1020Timing.SleepConfirmPolls; poll++)
                {
                    status = ReadStatus();
                    if ((status & StatusModeBits) == 0)
                    {
                        _asleep = true;
                        return;
                    }

                    _clock.Delay(1);
                }
            }

            throw new SensorException(SensorError.SleepNotEntered, status, "STATUS does not show sleep.");
        }

        private int RunCommand(Command command)
        {
            DrainIrqSignal();
            SendCommand(command);
            if (!WaitForIrq(Fpc1020Timing.CommandIrq))
            {
                throw new SensorException(SensorError.IrqTimeout, (int)command, "No interrupt within the command time limit.");
            }

            return ReadInterruptsAndClear();
        }

        // §4.3: 0xFF outside a reset means the chip reset itself; §9: IRQ must be low after the clear.
        private int ReadInterruptsAndClear()
        {
            int flags = ReadByteRegister(Register.IrqStatusClear);
            if (flags == InterruptFlags.ResetOccurred)
            {
                throw new SensorException(SensorError.SpontaneousReset, flags, "The sensor reset itself.");
            }

            if (_irq.Read())
            {
                throw new SensorException(SensorError.IrqStuck, flags, "IRQ still high after the clearing read.");
            }

            return flags;
        }

        // The level of the line is the truth; the signal only ends the wait early. Bounded by the
        // deadline and by a count of wake-ups, so a chattering line cannot hold the thread.
        private bool WaitForIrq(int timeoutMilliseconds)
        {
            long deadline = _clock.UptimeMilliseconds + timeoutMilliseconds;
            for (int wakeup = 0; wakeup < MaxIrqWakeups; wakeup++)
            {
                if (_irq.Read())
                {
                    return true;
                }

                int remaining = Remaining(deadline);
                if (remaining == 0)
                {
                    return false;
                }

                _irqSignal.Wait(remaining);
            }

            return _irq.Read();
        }

        private void DrainIrqSignal()
        {
            _irqSignal.Wait(0);
        }

        private int Remaining(long deadline)
        {
            long remaining = deadline - _clock.UptimeMilliseconds;
            return remaining <= 0 ? 0 : (int)remaining;
        }

        private void NoteFailure(SensorException error)
        {
            if (error.RequiresReset)
            {
                _initialized = false;
            }
        }

        private void RequireNotDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("Fpc1020Sensor");
            }
        }

        private void RequireReady()
        {
            RequireNotDisposed();
            if (!_initialized)
            {
                throw new InvalidOperationException("Initialize the sensor first.");
            }

            if (_asleep)
            {
                throw new InvalidOperationException("The sensor is asleep; call WakeUp first.");
            }
        }

        private static int CountZones(int zones)
        {
            int count = 0;
            for (int bit = 0; bit < 12; bit++)
            {
                count += (zones >> bit) & 1;
            }

            return count;
        }

        // §3: one CS frame per command; the first byte is the command or register address.
        private void SendCommand(Command command)
        {
            byte[] tx = _tx[1];
            tx[0] = (byte)command;
            _spi.TransferFullDuplex(tx, _rx[1]);
        }

        // §3: register frame = address, then the value most significant byte first.
        private void WriteRegister(Register register, byte[] value)
        {
            byte[] tx = _tx[value.Length + 1];
            tx[0] = (byte)register;
            Array.Copy(value, 0, tx, 1, value.Length);
            _spi.TransferFullDuplex(tx, _rx[tx.Length]);
        }

        private void WriteByteRegister(Register register, byte value)
        {
            byte[] tx = _tx[2];
            tx[0] = (byte)register;
            tx[1] = value;
            _spi.TransferFullDuplex(tx, _rx[2]);
        }

        private int ReadByteRegister(Register register)
        {
            byte[] tx = _tx[2];
            tx[0] = (byte)register;
            tx[1] = 0x00;
            _spi.TransferFullDuplex(tx, _rx[2]);
            return _rx[2][1];
        }

        private int ReadWordRegister(Register register)
        {
            byte[] tx = _tx[3];
            tx[0] = (byte)register;
            tx[1] = 0x00;
            tx[2] = 0x00;
            _spi.TransferFullDuplex(tx, _rx[3]);
            return (_rx[3][1] << 8) | _rx[3][2];
        }

        // §3: STATUS is read after one dummy byte.
        private int ReadStatus()
        {
            byte[] tx = _tx[3];
            tx[0] = (byte)Register.Status;
            tx[1] = 0x00;
            tx[2] = 0x00;
            _spi.TransferFullDuplex(tx, _rx[3]);
            return _rx[3][2];
        }
    }
}
