namespace CardFirmware.HalSim.Bus;

/// <summary>
/// A device emulator attached to the simulated SPI bus. The bus calls it exactly as the wires
/// would: chip select asserted, one byte exchanged per eight clocks, chip select released.
/// </summary>
public interface ISpiPeripheralModel
{
    /// <summary>Chip select went low: a new transaction starts.</summary>
    void Select();

    /// <summary>One byte clocked: <paramref name="mosi"/> from the host; returns the byte on MISO.</summary>
    byte Exchange(byte mosi);

    /// <summary>Chip select went high: the transaction ends.</summary>
    void Deselect();
}
