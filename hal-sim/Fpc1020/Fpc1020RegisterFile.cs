namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// The FPC1020's registers as the fact sheet lists them (§4.2): size in bytes, access, a dummy
/// byte before the data for STATUS and FPC_DEBUG, and the reset defaults where a source gives one.
/// Values are kept in wire order (most significant byte first, §3).
/// </summary>
internal sealed class Fpc1020RegisterFile
{
    private static readonly Dictionary<byte, RegisterInfo> Layout = new()
    {
        [0x14] = new(1, ReadOnly: true, Dummy: true, [0x1E]),
        [0x18] = new(1, ReadOnly: true, Dummy: false, null),
        [0x1C] = new(1, ReadOnly: true, Dummy: false, null),
        [0x38] = new(1, ReadOnly: true, Dummy: false, null),
        [0x40] = new(1, ReadOnly: false, Dummy: false, null),
        [0x44] = new(1, ReadOnly: false, Dummy: false, null),
        [0x4C] = new(3, ReadOnly: false, Dummy: false, null),
        [0x50] = new(1, ReadOnly: false, Dummy: false, null),
        [0x54] = new(4, ReadOnly: false, Dummy: false, [0x00, 0xC0, 0x00, 0xC0]),
        [0x5C] = new(1, ReadOnly: false, Dummy: false, null),
        [0x60] = new(1, ReadOnly: false, Dummy: false, null),
        [0x64] = new(1, ReadOnly: false, Dummy: false, null),
        [0x68] = new(8, ReadOnly: false, Dummy: false, null),
        [0x6C] = new(1, ReadOnly: false, Dummy: false, null),
        [0x78] = new(2, ReadOnly: false, Dummy: false, null),
        [0x7C] = new(4, ReadOnly: true, Dummy: false, null),
        [0x84] = new(1, ReadOnly: false, Dummy: false, null),
        [0x88] = new(4, ReadOnly: false, Dummy: false, null),
        [0x8C] = new(1, ReadOnly: false, Dummy: false, [0x02]),
        [0x90] = new(1, ReadOnly: false, Dummy: false, null),
        [0x94] = new(2, ReadOnly: false, Dummy: false, [0x0D, 0x07]),
        [0x98] = new(10, ReadOnly: false, Dummy: false, null),
        [0x9C] = new(5, ReadOnly: false, Dummy: false, null),
        [0xA0] = new(2, ReadOnly: false, Dummy: false, null),
        [0xA4] = new(1, ReadOnly: false, Dummy: false, null),
        [0xA8] = new(2, ReadOnly: false, Dummy: false, null),
        [0xD0] = new(1, ReadOnly: true, Dummy: true, null),
        [0xD4] = new(2, ReadOnly: true, Dummy: false, null),
        [0xD8] = new(1, ReadOnly: false, Dummy: false, [0x50]),
        [0xDC] = new(2, ReadOnly: false, Dummy: false, [0x00, 0xFF]),
        [0xFC] = new(2, ReadOnly: true, Dummy: false, null),
    };

    private readonly Dictionary<byte, byte[]> _values = new();

    public Fpc1020RegisterFile() => ResetToDefaults();

    /// <summary>True if <paramref name="address"/> is a register (not a command or an unknown code).</summary>
    public static bool IsRegister(byte address) => Layout.ContainsKey(address);

    /// <summary>Size, access and dummy byte of a register.</summary>
    public static RegisterInfo InfoOf(byte address) => Layout[address];

    /// <summary>The stored bytes of a register, wire order (live array).</summary>
    public byte[] this[byte address] => _values[address];

    /// <summary>Every register back to its default (zero where no source gives one).</summary>
    public void ResetToDefaults()
    {
        foreach (var (address, info) in Layout)
        {
            _values[address] = info.Default is null ? new byte[info.Size] : (byte[])info.Default.Clone();
        }
    }

    internal readonly record struct RegisterInfo(int Size, bool ReadOnly, bool Dummy, byte[]? Default);
}
