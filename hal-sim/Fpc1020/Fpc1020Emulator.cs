using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Gpio;
using CardFirmware.HalSim.Time;

namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// Register-level emulator of an FPC1020A on the simulated SPI bus, following the fact sheet
/// <c>shared/specs/fpc1020-protocol.md</c> (§n below; §10 is its emulator guidance):
/// <list type="bullet">
/// <item>Frames: byte 0 is the command or register address, MISO 0x00 during it (§3). Registers
/// have the sizes of §4.2, big-endian; RW registers are exchange registers (old value out, new value
/// stored when the full length was clocked); STATUS and FPC_DEBUG take a dummy byte first.</item>
/// <item>Interrupts: flags per §4.3; the IRQ line is high while the flag byte is non-zero; 0x1C
/// returns and clears it, 0x18 only returns it. A reset (RST_N rising or 0xF8) restores defaults,
/// sets 0xFF and raises IRQ after <see cref="ResetIrqDelayMilliseconds"/>.</item>
/// <item>Commands (§4.1) take virtual time on the <see cref="VirtualClock"/>: capture fills the
/// FIFO from the finger image through the window of 0x54 and raises 0x20; 0xC4 streams it after one
/// dummy byte (continuations without), and reading past the end underflows (ERROR bit 0,
/// interrupt bit 2). Finger query and wait-for-finger use the zone test of §5 on (255 - pixel);
/// sleep wakes on zones 5/6; idle cancels and raises 0x80.</item>
/// <item>Test-pattern mode (FINGER_DRIVE_CONF = 0x04) answers the revision probe of §6.2 for
/// <see cref="Revision"/>.</item>
/// <item>ADC_SHIFT_GAIN (0xA0) scales the captured frame: a placed finger image is what the sensor
/// shows at the revision's recipe capture setting (§6.3), and other settings apply
/// <see cref="AdcTransfer"/> to it (its mapping is a model, not a datasheet fact).</item>
/// </list>
/// Faults of §9 are injected through <see cref="Faults"/>. Protocol misuse by the host (commands
/// or register writes while a command runs) is counted in <see cref="ProtocolViolations"/>.
/// </summary>
/// <remarks>Security: the finger image is biometric; it is copied in and wiped on lift.</remarks>
public sealed class Fpc1020Emulator : ISpiPeripheralModel, IFingerContact
{
    private const int Side = 192;
    private const int ZoneSize = 8;
    private static readonly int[] ZoneRows = [36, 92, 148];
    private static readonly int[] ZoneColumns = [8, 64, 120, 176];

    private readonly VirtualClock _clock;
    private readonly SimInputPin _irq;
    private readonly Fpc1020RegisterFile _registers = new();
    private readonly byte[] _finger = new byte[Side * Side];
    private readonly byte[] _fifo = new byte[Side * Side];
    private bool _fingerPresent;
    private int _fifoCount;
    private int _fifoPosition;
    private bool _fifoDummyPending;
    private byte _interrupts;
    private byte _error;
    private bool _resetIrqPending;
    private bool _irqStuck;
    private long _generation;

    // State of the current chip-select frame.
    private bool _frameIgnored;
    private int _frameIndex;
    private byte _frameCode;
    private byte[]? _frameWrite;
    private int _frameWritten;
    private bool _frameGarbled;
    private bool _frameSkipsDummy;
    private bool _frameUnderflowed;
    private bool _frameReadInterrupts;

    /// <summary>Wires the emulator to its IRQ output and RST_N input; it starts powered and reset.</summary>
    public Fpc1020Emulator(VirtualClock clock, SimInputPin irq, SimOutputPin reset)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(irq);
        ArgumentNullException.ThrowIfNull(reset);
        _clock = clock;
        _irq = irq;
        reset.Changed += OnResetLine;
        if (reset.Level)
        {
            ChipReset();
        }
        else
        {
            Mode = Fpc1020Mode.InReset;
        }
    }

    /// <summary>Fault injection knobs.</summary>
    public Fpc1020Faults Faults { get; } = new();

    /// <summary>Value of HWID (0xFC); 0x020A is an FPC1020A (§4.4).</summary>
    public int HardwareId { get; set; } = 0x020A;

    /// <summary>Revision the test-pattern probe reports (§6.2).</summary>
    public EmulatedRevision Revision { get; set; } = EmulatedRevision.A3;

    /// <summary>Delay from reset release to IRQ high (spec: at most 1.3 ms).</summary>
    public int ResetIrqDelayMilliseconds { get; set; } = 1;

    /// <summary>Duration of a capture (§8: 1.5 Mpixel/s conversion, plus settling).</summary>
    public int CaptureMilliseconds { get; set; } = 25;

    /// <summary>Duration of one finger snapshot (§8: under 10 ms).</summary>
    public int QueryMilliseconds { get; set; } = 2;

    /// <summary>Duration of the idle command until its IRQ.</summary>
    public int IdleMilliseconds { get; set; } = 1;

    /// <summary>Sleep-mode check period (§5: about 1 s at N = 255).</summary>
    public int SleepCheckMilliseconds { get; set; } = 1000;

    /// <summary>Current mode.</summary>
    public Fpc1020Mode Mode { get; private set; }

    /// <summary>Commands sent or registers written while another command was running (§3, §4.1).</summary>
    public int ProtocolViolations { get; private set; }

    /// <summary>Resets seen (RST_N releases, soft resets and spontaneous ones).</summary>
    public int Resets { get; private set; }

    /// <summary>Captures completed.</summary>
    public int Captures { get; private set; }

    /// <summary>The interrupt flag byte (what 0x18 would return).</summary>
    public byte PendingInterrupts => _interrupts;

    /// <inheritdoc />
    public bool FingerPresent => _fingerPresent;

    /// <summary>A copy of a register's stored bytes in wire order (for tests of the host's setup).</summary>
    public byte[] RegisterBytes(byte address) => (byte[])_registers[address].Clone();

    /// <summary>The covered-zone bitmap a snapshot would give now (§5).</summary>
    public int CoveredZones() => Zones(0x0FFF);

    /// <inheritdoc />
    public void PlaceFinger(byte[] image192x192)
    {
        ArgumentNullException.ThrowIfNull(image192x192);
        if (image192x192.Length != _finger.Length)
        {
            throw new ArgumentException("A finger image is 192 * 192 bytes.", nameof(image192x192));
        }

        Array.Copy(image192x192, _finger, _finger.Length);
        _fingerPresent = true;
    }

    /// <inheritdoc />
    public void LiftFinger()
    {
        Array.Clear(_finger);
        _fingerPresent = false;
    }

    /// <inheritdoc />
    public void Select()
    {
        _frameIgnored = Mode == Fpc1020Mode.InReset;
        _frameIndex = 0;
        _frameWrite = null;
        _frameWritten = 0;
        _frameGarbled = false;
        _frameSkipsDummy = false;
        _frameUnderflowed = false;
        _frameReadInterrupts = false;
    }

    /// <inheritdoc />
    public byte Exchange(byte mosi)
    {
        if (_frameIgnored)
        {
            return 0x00;
        }

        var index = _frameIndex++;
        if (index == 0)
        {
            StartFrame(mosi);
            return 0x00;
        }

        if (Fpc1020RegisterFile.IsRegister(_frameCode))
        {
            return ExchangeRegisterByte(index, mosi);
        }

        return _frameCode == 0xC4 ? NextPixel(index) : (byte)0x00;
    }

    /// <inheritdoc />
    public void Deselect()
    {
        if (_frameIgnored || _frameIndex == 0)
        {
            return;
        }

        if (Fpc1020RegisterFile.IsRegister(_frameCode))
        {
            EndRegisterFrame();
        }
        else if (_frameCode == 0xC4)
        {
            if (_frameUnderflowed)
            {
                Raise(0x04);
            }
        }
        else
        {
            Execute(_frameCode);
        }
    }

    private void StartFrame(byte code)
    {
        _frameCode = code;
        if (Fpc1020RegisterFile.IsRegister(code))
        {
            var info = Fpc1020RegisterFile.InfoOf(code);
            _frameWrite = info.ReadOnly ? null : new byte[info.Size];
            if (Faults.GarbleNextReadOf == code)
            {
                Faults.GarbleNextReadOf = null;
                _frameGarbled = true;
            }
        }
        else if (code == 0xC4)
        {
            // §4.1: the first read after a capture has one dummy byte; continuations have none.
            _frameSkipsDummy = _fifoDummyPending;
            _fifoDummyPending = false;
        }
    }

    private byte ExchangeRegisterByte(int index, byte mosi)
    {
        var info = Fpc1020RegisterFile.InfoOf(_frameCode);
        var dataIndex = index - 1 - (info.Dummy ? 1 : 0);
        if (dataIndex < 0 || dataIndex >= info.Size)
        {
            return 0x00;
        }

        var value = ReadableValue(_frameCode)[dataIndex];
        if (_frameWrite is not null)
        {
            _frameWrite[dataIndex] = mosi;
            _frameWritten++;
        }

        if (_frameCode == 0x1C)
        {
            _frameReadInterrupts = true;
        }

        return _frameGarbled ? (byte)(value ^ Faults.GarbleMask) : value;
    }

    private byte[] ReadableValue(byte address) => address switch
    {
        0x14 => [Status()],
        0x18 or 0x1C => [_interrupts],
        0x38 => [_error],
        0xFC => [(byte)(HardwareId >> 8), (byte)HardwareId],
        _ => _registers[address],
    };

    private void EndRegisterFrame()
    {
        var info = Fpc1020RegisterFile.InfoOf(_frameCode);
        if (_frameWrite is not null && _frameWritten == info.Size)
        {
            if (Mode != Fpc1020Mode.Idle)
            {
                ProtocolViolations++;
            }

            Array.Copy(_frameWrite, _registers[_frameCode], info.Size);
        }

        if (_frameCode == 0x38 && _frameIndex > 1)
        {
            _error = 0;
        }

        if (_frameReadInterrupts)
        {
            _interrupts = 0;
            UpdateIrqLine();
        }
    }

    // §4.3 STATUS: bit 0 mirrors IRQ, bits 1-3 set when idle and clear in (deep) sleep, bit 4 FIFO empty, bit 5 FIFO full.
    private byte Status()
    {
        var status = _irq.Read() ? 0x01 : 0x00;
        status |= Mode switch
        {
            Fpc1020Mode.Idle => 0x0E,
            Fpc1020Mode.Sleep or Fpc1020Mode.DeepSleep => 0x00,
            _ => 0x0C,
        };
        if (_fifoPosition >= _fifoCount)
        {
            status |= 0x10;
        }
        else if (_fifoPosition == 0 && _fifoCount == _fifo.Length)
        {
            status |= 0x20;
        }

        return (byte)status;
    }

    private byte NextPixel(int index)
    {
        if (_frameSkipsDummy && index == 1)
        {
            return 0x00;
        }

        if (_fifoPosition >= _fifoCount)
        {
            _error |= 0x01;
            _frameUnderflowed = true;
            return 0x00;
        }

        var pixel = _fifo[_fifoPosition];
        if (Faults.GarblePixelIndex == _fifoPosition)
        {
            pixel ^= Faults.GarbleMask;
        }

        _fifoPosition++;
        return pixel;
    }

    private void Execute(byte command)
    {
        if (Faults.SpontaneousResetOnCommand == command)
        {
            Faults.SpontaneousResetOnCommand = null;
            ChipReset();
            return;
        }

        if (command == 0xF8)
        {
            ChipReset();
            return;
        }

        if (command == 0x34)
        {
            Idle();
            return;
        }

        if (command is not (0x20 or 0x24 or 0x28 or 0x2C or 0x3C or 0xC0))
        {
            return;
        }

        if (Mode != Fpc1020Mode.Idle)
        {
            // §3/§4.1: a new command while one runs (or in sleep) is lost.
            ProtocolViolations++;
            return;
        }

        var generation = ++_generation;
        switch (command)
        {
            case 0x20:
                Mode = Fpc1020Mode.QueryingFinger;
                _clock.ScheduleAfter(QueryMilliseconds, () => FingerQueryDone(generation));
                break;
            case 0x24:
                Mode = Fpc1020Mode.WaitingForFinger;
                _clock.ScheduleAfter(QueryMilliseconds, () => WaitSnapshot(generation, 0));
                break;
            case 0x28:
                if (!Faults.IgnoreSleepCommands)
                {
                    Mode = Fpc1020Mode.Sleep;
                    _clock.ScheduleAfter(SleepCheckMilliseconds, () => SleepCheck(generation));
                }

                break;
            case 0x2C:
                if (!Faults.IgnoreSleepCommands)
                {
                    Mode = Fpc1020Mode.DeepSleep;
                }

                break;
            case 0xC0:
                Mode = Fpc1020Mode.Capturing;
                _clock.ScheduleAfter(CaptureMilliseconds, () => CaptureDone(generation));
                break;
        }
    }

    // §4.1 0x34: cancels whatever runs (and an image read), IRQ 0x80 when idle.
    private void Idle()
    {
        var generation = ++_generation;
        Mode = Fpc1020Mode.Idle;
        _fifoCount = 0;
        _fifoPosition = 0;
        _clock.ScheduleAfter(IdleMilliseconds, () =>
        {
            if (generation == _generation)
            {
                Raise(0x80);
            }
        });
    }

    private void FingerQueryDone(long generation)
    {
        if (generation != _generation)
        {
            return;
        }

        var zones = Zones(0x0FFF);
        StoreZones(zones);
        Mode = Fpc1020Mode.Idle;
        Raise((byte)(0x80 | (zones != 0 ? 0x01 : 0x00)));
    }

    // §4.1 0x24: repeat snapshots until >= 1 zone is covered and the next adds no new zone.
    private void WaitSnapshot(long generation, int previous)
    {
        if (generation != _generation)
        {
            return;
        }

        var zones = Zones(0x0FFF);
        if (previous != 0 && zones != 0 && (zones & ~previous) == 0)
        {
            StoreZones(zones);
            Mode = Fpc1020Mode.Idle;
            var flags = Faults.NextWakeFlags ?? 0x81;
            Faults.NextWakeFlags = null;
            Raise(flags);
            return;
        }

        _clock.ScheduleAfter(QueryMilliseconds, () => WaitSnapshot(generation, zones));
    }

    // §4.1 0x28: wakes periodically and checks zones 5 and 6 only; on a finger -> idle + IRQ.
    private void SleepCheck(long generation)
    {
        if (generation != _generation)
        {
            return;
        }

        var zones = Zones((1 << 5) | (1 << 6));
        if (zones != 0)
        {
            StoreZones(Zones(0x0FFF));
            Mode = Fpc1020Mode.Idle;
            var flags = Faults.NextWakeFlags ?? 0x81;
            Faults.NextWakeFlags = null;
            Raise(flags);
            return;
        }

        _clock.ScheduleAfter(SleepCheckMilliseconds, () => SleepCheck(generation));
    }

    private void CaptureDone(long generation)
    {
        if (generation != _generation)
        {
            return;
        }

        var window = _registers[0x54];
        int startRow = window[0], rows = window[1], startColumn = window[2], columns = window[3];
        var testPattern = _registers[0x8C][0] == 0x04;
        var liftHalfway = Faults.LiftFingerDuringCaptureOnce && _fingerPresent;
        var gain = _registers[0xA0];
        var transfer = new AdcTransfer(gain[0] & 0x1F, gain[1] & 0x0F,
            Revision is EmulatedRevision.A1 or EmulatedRevision.A2 ? AdcTransfer.RecipeA12 : AdcTransfer.RecipeA34);
        Faults.LiftFingerDuringCaptureOnce = false;
        var count = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var row = startRow + r;
                var column = startColumn + c;
                var skin = _fingerPresent && !(liftHalfway && r >= rows / 2);
                _fifo[count++] = testPattern ? TestPatternPixel(column)
                    : row >= Side || column >= Side ? (byte)0x00
                    : transfer.Apply(skin ? _finger[row * Side + column] : BareSensorPixel(row, column));
            }
        }

        if (liftHalfway)
        {
            LiftFinger();
        }

        _fifoCount = Math.Min(count, Faults.TruncateNextCaptureTo ?? count);
        Faults.TruncateNextCaptureTo = null;
        _fifoPosition = 0;
        _fifoDummyPending = true;
        Mode = Fpc1020Mode.Idle;
        Captures++;

        // §4.3: fewer than 8 pixels give no data-available interrupt.
        var flags = Faults.NextCaptureFlags ?? (byte)(count >= 8 ? 0x20 : 0x00);
        Faults.NextCaptureFlags = null;
        Raise(flags);
    }

    // §6.2/§10: the probe reads the means of columns 0-31 and 160-191; the columns between ramp.
    private byte TestPatternPixel(int column)
    {
        var (left, right) = Revision switch
        {
            EmulatedRevision.A1 => (200, 140),
            EmulatedRevision.A2 => (200, 200),
            EmulatedRevision.A3 => (140, 165),
            EmulatedRevision.A4 => (50, 50),
            _ => (240, 240),
        };
        if (column < 32)
        {
            return (byte)left;
        }

        return column >= 160 ? (byte)right : (byte)(left + (right - left) * (column - 32) / 128);
    }

    // Bare sensor reads near white with a little fixed-pattern noise (§7 polarity).
    private static byte BareSensorPixel(int row, int column) => (byte)(255 - (row * 7 + column * 13) % 4);

    // §5: zone value = floor(sum over 8 x 8 of floor((255 - p) / 8) / 2), covered if > FNGR_DET_THRESH.
    // FPC1020 layout [I]: 3 rows x 4 columns, index = row * 4 + column.
    private int Zones(int mask)
    {
        if (!_fingerPresent)
        {
            return 0;
        }

        var threshold = _registers[0xD8][0];
        var zones = 0;
        for (var zone = 0; zone < 12; zone++)
        {
            if ((mask & (1 << zone)) == 0)
            {
                continue;
            }

            int top = ZoneRows[zone / 4], left = ZoneColumns[zone % 4];
            var sum = 0;
            for (var row = top; row < top + ZoneSize; row++)
            {
                for (var column = left; column < left + ZoneSize; column++)
                {
                    sum += (255 - _finger[row * Side + column]) / 8;
                }
            }

            if (sum / 2 > threshold)
            {
                zones |= 1 << zone;
            }
        }

        return zones;
    }

    private void StoreZones(int zones)
    {
        var register = _registers[0xD4];
        register[0] = (byte)(zones >> 8);
        register[1] = (byte)zones;
    }

    private void OnResetLine(bool high)
    {
        if (!high)
        {
            ++_generation;
            Mode = Fpc1020Mode.InReset;
            _interrupts = 0;
            UpdateIrqLine();
        }
        else if (Mode == Fpc1020Mode.InReset)
        {
            ChipReset();
        }
    }

    // §2/§6.1: defaults, interrupt byte 0xFF, STATUS 0x1E, IRQ high after the reset delay.
    private void ChipReset()
    {
        var generation = ++_generation;
        Resets++;
        _registers.ResetToDefaults();
        _interrupts = 0xFF;
        _error = 0;
        _fifoCount = 0;
        _fifoPosition = 0;
        _fifoDummyPending = false;
        Mode = Fpc1020Mode.Idle;
        _resetIrqPending = true;
        UpdateIrqLine();
        _clock.ScheduleAfter(ResetIrqDelayMilliseconds, () =>
        {
            if (generation == _generation && !Faults.SuppressResetIrq)
            {
                _resetIrqPending = false;
                UpdateIrqLine();
            }
        });
    }

    private void Raise(byte flags)
    {
        _interrupts = flags == 0xFF ? (byte)0xFF : (byte)(_interrupts | flags);
        UpdateIrqLine();
    }

    private void UpdateIrqLine()
    {
        var level = _interrupts != 0 && !_resetIrqPending && Mode != Fpc1020Mode.InReset;
        if (Faults.IrqStuckHigh)
        {
            _irqStuck |= level;
            level |= _irqStuck;
        }
        else
        {
            _irqStuck = false;
        }

        _irq.Drive(level && !Faults.NeverRaiseIrq);
    }
}
