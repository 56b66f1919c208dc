using CardFirmware.Drivers.Fpc1020;

namespace CardFirmware.Drivers.Tests.Fpc1020;

/// <summary>
/// The read-out through an <see cref="IFrameStore"/>: row batches of <see cref="Fpc1020Sensor.RowsPerTransfer"/>
/// in order (split SPI reads, §6.5), the store cleared on every failed capture, the driver's batch buffer
/// left with no pixel, and a store's refusal of a batch outside the frame.
/// </summary>
public class FrameStoreTests
{
    [Fact]
    public void Capture_HandsTheStoreEveryRowOnce_InBatchesInOrder_AndExactlyTheImageFed()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var finger = SensorRig.FingerImage(fingerId: 2, touch: 1);
        rig.Emulator.PlaceFinger(finger);
        Assert.True(rig.Sensor.WaitForFinger(1000));
        var store = new RecordingStore();

        rig.Sensor.CaptureImage(store);

        var expected = Enumerable.Range(0, Fpc1020Sensor.Height / Fpc1020Sensor.RowsPerTransfer)
            .Select(i => (i * Fpc1020Sensor.RowsPerTransfer, Fpc1020Sensor.RowsPerTransfer));
        Assert.Equal(expected, store.Batches);
        Assert.Equal(finger, store.Pixels);
        Assert.Equal(0, store.Clears);
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Fact]
    public void Capture_ShortFifo_ClearsTheStore_AndLeavesNoPixelInTheDriversBatch()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.TruncateNextCaptureTo = 20000;
        var store = new RecordingStore();

        var error = Assert.Throws<SensorException>(() => rig.Sensor.CaptureImage(store));

        Assert.Equal(SensorError.FifoUnderflow, error.Error);
        Assert.Equal(1, store.Clears);
        Assert.Equal(new byte[Fpc1020Sensor.ImageSize], store.Pixels);
        Assert.All(store.LastBatchAfterCapture(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Capture_FingerLiftedDuringCapture_ClearsTheStore()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        rig.Emulator.PlaceFinger(SensorRig.FingerImage());
        Assert.True(rig.Sensor.WaitForFinger(100));
        rig.Faults.LiftFingerDuringCaptureOnce = true;
        var store = new RecordingStore();

        var error = Assert.Throws<SensorException>(() => rig.Sensor.CaptureImage(store));

        Assert.Equal(SensorError.FingerLifted, error.Error);
        Assert.Equal(1, store.Clears);
        Assert.Equal(new byte[Fpc1020Sensor.ImageSize], store.Pixels);
    }

    [Theory]
    [InlineData(-1, 8)]
    [InlineData(185, 8)]
    [InlineData(0, 0)]
    [InlineData(0, 9)]
    public void ManagedStore_RefusesABatchOutsideTheFrameOrLongerThanItsBuffer_AndWritesNothing(int firstRow, int rowCount)
    {
        var pixels = new byte[Fpc1020Sensor.ImageSize];
        var store = new ManagedFrameStore(pixels);
        var rows = Enumerable.Repeat((byte)0x77, 8 * Fpc1020Sensor.Width).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => store.WriteRows(firstRow, rows, rowCount));

        Assert.Equal(new byte[Fpc1020Sensor.ImageSize], pixels);
    }

    [Fact]
    public void ManagedStore_RefusesAFrameOfTheWrongSize()
    {
        Assert.Throws<ArgumentNullException>(() => new ManagedFrameStore(null!));
        Assert.Throws<ArgumentException>(() => new ManagedFrameStore(new byte[Fpc1020Sensor.ImageSize - 1]));
    }

    // A managed store that records the batches it is given and keeps the driver's batch buffer to look
    // at after the capture.
    private sealed class RecordingStore : IFrameStore
    {
        private readonly ManagedFrameStore _inner;
        private byte[]? _lastBatch;

        public RecordingStore()
        {
            _inner = new ManagedFrameStore(new byte[Fpc1020Sensor.ImageSize]);
        }

        public List<(int FirstRow, int RowCount)> Batches { get; } = [];

        public int Clears { get; private set; }

        public byte[] Pixels => _inner.Pixels;

        public void WriteRows(int firstRow, byte[] rows, int rowCount)
        {
            Batches.Add((firstRow, rowCount));
            _lastBatch = rows;
            _inner.WriteRows(firstRow, rows, rowCount);
        }

        public void Clear()
        {
            Clears++;
            _inner.Clear();
        }

        public byte[] LastBatchAfterCapture() => _lastBatch ?? throw new InvalidOperationException("no batch was written");
    }
}
