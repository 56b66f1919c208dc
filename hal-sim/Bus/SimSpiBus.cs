using CardFirmware.Hal;

namespace CardFirmware.HalSim.Bus;

/// <summary>
/// The simulated SPI bus: each chip-select line routes to one attached emulator. A transfer to a
/// line with nothing attached reads 0xFF (MISO pulled up), as an empty socket does.
/// </summary>
public sealed class SimSpiBus
{
    private readonly Dictionary<int, ISpiPeripheralModel> _devices = new();

    /// <summary>Bytes clocked in either direction since creation (for the cost model).</summary>
    public long BytesClocked { get; private set; }

    /// <summary>Attaches <paramref name="model"/> to chip-select line <paramref name="chipSelect"/>.</summary>
    public void Attach(int chipSelect, ISpiPeripheralModel model) => _devices[chipSelect] = model;

    /// <summary>The HAL view of the device on <paramref name="chipSelect"/>.</summary>
    public ISpiDevice Device(int chipSelect) => new SimSpiDevice(this, chipSelect);

    private void Transfer(int chipSelect, Func<int, byte> mosiAt, Action<int, byte> misoAt, int count)
    {
        _devices.TryGetValue(chipSelect, out var model);
        model?.Select();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var miso = model?.Exchange(mosiAt(i)) ?? (byte)0xFF;
                misoAt(i, miso);
            }
        }
        finally
        {
            model?.Deselect();
            BytesClocked += count;
        }
    }

    private sealed class SimSpiDevice(SimSpiBus bus, int chipSelect) : ISpiDevice
    {
        public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer)
        {
            ArgumentNullException.ThrowIfNull(writeBuffer);
            ArgumentNullException.ThrowIfNull(readBuffer);
            if (writeBuffer.Length != readBuffer.Length)
            {
                throw new ArgumentException("Full-duplex buffers must have the same length.");
            }

            bus.Transfer(chipSelect, i => writeBuffer[i], (i, b) => readBuffer[i] = b, writeBuffer.Length);
        }

        public void WriteThenRead(byte[] writeBuffer, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            ArgumentNullException.ThrowIfNull(writeBuffer);
            ArgumentNullException.ThrowIfNull(readBuffer);
            ArgumentOutOfRangeException.ThrowIfNegative(writeCount);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(writeCount, writeBuffer.Length);
            ArgumentOutOfRangeException.ThrowIfNegative(readOffset);
            ArgumentOutOfRangeException.ThrowIfNegative(readCount);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(readOffset + readCount, readBuffer.Length);
            bus.Transfer(chipSelect,
                i => i < writeCount ? writeBuffer[i] : (byte)0x00,
                (i, b) => { if (i >= writeCount) readBuffer[readOffset + i - writeCount] = b; },
                writeCount + readCount);
        }
    }
}
