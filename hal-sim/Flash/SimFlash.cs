using CardFirmware.Hal;

namespace CardFirmware.HalSim.Flash;

/// <summary>
/// A NOR flash partition in RAM with power-loss injection.
///
/// Semantics (as <see cref="IFlash"/> states them): an erase sets a whole page to 0xFF; a write
/// ANDs each byte into the cell, so it can only clear bits. Bytes of one write are programmed in
/// address order, one at a time. That is the model the storage layer is proved against: a cut
/// leaves exactly a prefix of the write programmed, optionally with the byte at the cut partially
/// programmed (some of its bits cleared). Real SPI NOR programs up to a 256-byte program page in
/// one step, which can tear anywhere inside it: <see cref="ArmTornWrite"/> models that.
///
/// A cut is armed with <see cref="ArmCutAfterBytes"/> (counted in bytes passed to
/// <see cref="Write"/>, whether or not they change a cell), <see cref="ArmTornWrite"/> or
/// <see cref="ArmCutAtErase"/>. When it
/// fires, the flash powers off: the operation and every later <see cref="Write"/> or
/// <see cref="ErasePage"/> throw <see cref="PowerLossException"/> until <see cref="PowerOn"/>.
/// Reads keep working so that tests can inspect the wreck.
///
/// Not thread-safe: the simulated card runs on one simulation thread.
/// </summary>
public sealed class SimFlash : IFlash
{
    private readonly byte[] _cells;
    private readonly long[] _eraseCounts;
    private readonly Random _cutNoise;
    private long _bytesUntilCut = -1;
    private bool _partialByteAtCut;
    private long _erasesUntilCut = -1;
    private long _writesUntilTear = -1;
    private EraseCutEffect _eraseCutEffect;

    /// <summary>Creates an erased flash of <paramref name="pageCount"/> pages of <paramref name="pageSize"/> bytes.</summary>
    /// <param name="pageSize">Erase unit in bytes (4096 on ESP32 SPI flash).</param>
    /// <param name="pageCount">Pages in the partition.</param>
    /// <param name="seed">Seeds the noise of partial programming and partial erases, so cuts are reproducible.</param>
    public SimFlash(int pageSize = 4096, int pageCount = 64, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageCount, 1);
        PageSize = pageSize;
        PageCount = pageCount;
        _cells = new byte[checked(pageSize * pageCount)];
        Array.Fill(_cells, (byte)0xFF);
        _eraseCounts = new long[pageCount];
        _cutNoise = new Random(seed);
    }

    /// <inheritdoc />
    public int PageSize { get; }

    /// <inheritdoc />
    public int PageCount { get; }

    /// <summary>Size of the partition in bytes.</summary>
    public int Size => _cells.Length;

    /// <summary>True after a cut fired and before <see cref="PowerOn"/>.</summary>
    public bool IsPoweredOff { get; private set; }

    /// <summary>Bytes passed to completed or cut writes (each counted once programmed).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Calls to <see cref="Write"/> made while powered (including the one that was cut).</summary>
    public long WriteCalls { get; private set; }

    /// <summary>Page erases performed (including one cut after it completed or partially ran).</summary>
    public long Erases { get; private set; }

    /// <summary>Bytes read.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Power cuts that fired.</summary>
    public int PowerCuts { get; private set; }

    /// <summary>Erase cycles of <paramref name="page"/> since creation (the wear the chip sees).</summary>
    public long EraseCount(int page)
    {
        CheckPage(page);
        return _eraseCounts[page];
    }

    /// <summary>The highest erase count of any page.</summary>
    public long MaxEraseCount => _eraseCounts.Max();

    /// <inheritdoc />
    public void Read(int address, byte[] buffer, int offset, int count)
    {
        CheckRange(address, buffer, offset, count);
        Buffer.BlockCopy(_cells, address, buffer, offset, count);
        BytesRead += count;
    }

    /// <inheritdoc />
    public void Write(int address, byte[] data, int offset, int count)
    {
        CheckRange(address, data, offset, count);
        ThrowIfPoweredOff("write");
        WriteCalls++;
        if (_writesUntilTear == 0)
        {
            for (var i = 0; i < count; i++)
            {
                var toClear = (byte)(_cells[address + i] & ~data[offset + i]);
                _cells[address + i] &= (byte)~(toClear & _cutNoise.Next(256));
            }

            Cut($"Power lost during a write at 0x{address:X}: {count} bytes torn.");
        }

        if (_writesUntilTear > 0)
        {
            _writesUntilTear--;
        }

        for (var i = 0; i < count; i++)
        {
            if (_bytesUntilCut == 0)
            {
                if (_partialByteAtCut)
                {
                    ProgramPartially(address + i, data[offset + i]);
                }

                Cut($"Power lost during a write at 0x{address + i:X} ({i} of {count} bytes programmed).");
            }

            _cells[address + i] &= data[offset + i];
            BytesWritten++;
            if (_bytesUntilCut > 0)
            {
                _bytesUntilCut--;
            }
        }
    }

    /// <inheritdoc />
    public void ErasePage(int page)
    {
        CheckPage(page);
        ThrowIfPoweredOff("erase");
        var start = page * PageSize;
        if (_erasesUntilCut == 0)
        {
            switch (_eraseCutEffect)
            {
                case EraseCutEffect.Partial:
                    for (var i = start; i < start + PageSize; i++)
                    {
                        _cells[i] |= (byte)_cutNoise.Next(256);
                    }

                    CountErase(page);
                    break;
                case EraseCutEffect.Completed:
                    Array.Fill(_cells, (byte)0xFF, start, PageSize);
                    CountErase(page);
                    break;
            }

            Cut($"Power lost during the erase of page {page} ({_eraseCutEffect}).");
        }

        Array.Fill(_cells, (byte)0xFF, start, PageSize);
        CountErase(page);
        if (_erasesUntilCut > 0)
        {
            _erasesUntilCut--;
        }
    }

    /// <summary>
    /// Arms a cut after <paramref name="bytes"/> more bytes have been programmed: the write that
    /// would program byte number <paramref name="bytes"/> (0-based, counted from now) programs
    /// the bytes before it and then loses power. 0 cuts before the next byte.
    /// </summary>
    /// <param name="bytes">Bytes that still complete before the cut.</param>
    /// <param name="partialByteAtCut">If true, the byte at the cut has a pseudo-random strict subset of its bits cleared.</param>
    public void ArmCutAfterBytes(long bytes, bool partialByteAtCut = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _bytesUntilCut = bytes;
        _partialByteAtCut = partialByteAtCut;
    }

    /// <summary>
    /// Arms a cut at the erase that comes after <paramref name="erasesBefore"/> more erases
    /// complete; <paramref name="effect"/> says what the cut erase leaves in its page.
    /// </summary>
    public void ArmCutAtErase(long erasesBefore, EraseCutEffect effect)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(erasesBefore);
        _erasesUntilCut = erasesBefore;
        _eraseCutEffect = effect;
    }

    /// <summary>
    /// Arms a torn write, the way a real chip fails mid program-page: the write that comes after
    /// <paramref name="writesBefore"/> more writes has a pseudo-random subset of its bits
    /// programmed, anywhere in its range, and then power fails.
    /// </summary>
    public void ArmTornWrite(long writesBefore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(writesBefore);
        _writesUntilTear = writesBefore;
    }

    /// <summary>Removes any armed cut.</summary>
    public void Disarm()
    {
        _bytesUntilCut = -1;
        _erasesUntilCut = -1;
        _writesUntilTear = -1;
    }

    /// <summary>Power returns (the board reboots): writes and erases work again; no cut is armed.</summary>
    public void PowerOn()
    {
        IsPoweredOff = false;
        Disarm();
    }

    /// <summary>A copy of the whole partition.</summary>
    public byte[] Snapshot() => (byte[])_cells.Clone();

    /// <summary>Overwrites the whole partition with <paramref name="image"/> (a <see cref="Snapshot"/>); wear is kept.</summary>
    public void Restore(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length != _cells.Length)
        {
            throw new ArgumentException("Image size differs from the flash size.", nameof(image));
        }

        Buffer.BlockCopy(image, 0, _cells, 0, image.Length);
    }

    /// <summary>An independent flash with the same geometry, contents and wear, powered on and unarmed.</summary>
    public SimFlash Clone(int seed = 1)
    {
        var copy = new SimFlash(PageSize, PageCount, seed);
        copy.Restore(_cells);
        Array.Copy(_eraseCounts, copy._eraseCounts, _eraseCounts.Length);
        return copy;
    }

    private void ProgramPartially(int address, byte value)
    {
        var toClear = (byte)(_cells[address] & ~value);
        var cleared = (byte)(toClear & _cutNoise.Next(256));
        if (cleared == toClear && cleared != 0)
        {
            // Keep it a strict subset: drop the lowest bit that was to be cleared.
            cleared &= (byte)(cleared - 1);
        }

        _cells[address] &= (byte)~cleared;
    }

    private void CountErase(int page)
    {
        _eraseCounts[page]++;
        Erases++;
    }

    /// <summary>Raised when an armed cut takes the board's power (the board cuts its other parts with it).</summary>
    public event Action? PowerLost;

    /// <summary>
    /// The board lost power elsewhere (an eFuse burn was cut): writes and erases throw from now
    /// until <see cref="PowerOn"/>; the contents stay as they are.
    /// </summary>
    public void LosePower()
    {
        if (!IsPoweredOff)
        {
            IsPoweredOff = true;
            PowerCuts++;
            Disarm();
        }
    }

    private void Cut(string message)
    {
        IsPoweredOff = true;
        PowerCuts++;
        Disarm();
        PowerLost?.Invoke();
        throw new PowerLossException(message);
    }

    private void ThrowIfPoweredOff(string operation)
    {
        if (IsPoweredOff)
        {
            throw new PowerLossException($"Flash {operation} while the board has no power.");
        }
    }

    private void CheckPage(int page) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)page, (uint)PageCount, nameof(page));

    private void CheckRange(int address, byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (address < 0 || count < 0 || offset < 0 || (long)address + count > _cells.Length || (long)offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(address),
                $"Range 0x{address:X}+{count} (buffer offset {offset}) is outside the flash or the buffer.");
        }
    }
}
