using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CardFirmware.HalSim.Efuse;

/// <summary>
/// The simulated chip's one-time-programmable memory as far as the firmware uses it: the eFuse key
/// block of purpose HMAC_UP, burned at the factory with read and write protection (only the HMAC
/// accelerator, <see cref="Hmac"/>, can use it), and the bits of the one-way touch counter
/// (<see cref="Counter"/>). It lives beside the flash, not in it: <see cref="Flash.SimFlash"/>
/// images never contain it, and a board's power cycle keeps it as it keeps the flash.
/// </summary>
/// <remarks>
/// Security: no HAL call reads the key. <see cref="Snapshot"/> exists for tools that persist a
/// simulated card between runs (as its eFuse persists in silicon); it is the simulator's
/// equivalent of the factory's provisioning record, not something the firmware can reach.
/// </remarks>
public sealed class SimEfuse
{
    /// <summary>Size of the HMAC_UP key block (one eFuse key block, 256 bits).</summary>
    public const int KeySize = 32;

    private const byte SnapshotVersion = 1;
    private const int SnapshotSize = 1 + KeySize + 4 + 4;

    private readonly byte[] _hmacKey;

    private SimEfuse(byte[] hmacKey, int counterCapacity, int counterValue)
    {
        _hmacKey = hmacKey;
        Hmac = new SimHmacPeripheral(_hmacKey);
        Counter = new SimFuseCounter(counterCapacity, counterValue);
    }

    /// <summary>The HMAC accelerator in upstream mode, keyed by the HMAC_UP key block.</summary>
    public SimHmacPeripheral Hmac { get; }

    /// <summary>The one-way counter's bits.</summary>
    public SimFuseCounter Counter { get; }

    /// <summary>
    /// Factory provisioning: burns <paramref name="hmacKey"/> (32 bytes) into the HMAC_UP key block
    /// and leaves <paramref name="counterBits"/> counter bits unburned.
    /// </summary>
    public static SimEfuse Provision(byte[] hmacKey, int counterBits)
    {
        ArgumentNullException.ThrowIfNull(hmacKey);
        ArgumentOutOfRangeException.ThrowIfNotEqual(hmacKey.Length, KeySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(counterBits);
        return new SimEfuse((byte[])hmacKey.Clone(), counterBits, 0);
    }

    /// <summary>
    /// Factory provisioning with a key drawn from <paramref name="seed"/> (SHA-256 of a label and the
    /// seed, so seeded boards are reproducible) or, for a null seed, from the operating system's RNG.
    /// </summary>
    public static SimEfuse ProvisionFromSeed(ulong? seed, int counterBits)
    {
        var key = new byte[KeySize];
        if (seed is { } value)
        {
            var label = "sim-efuse/hmac-up"u8;
            var input = new byte[label.Length + 8];
            label.CopyTo(input);
            BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(label.Length), value);
            SHA256.HashData(input, key);
        }
        else
        {
            RandomNumberGenerator.Fill(key);
        }

        return Provision(key, counterBits);
    }

    /// <summary>
    /// The eFuse contents for a tool to persist: <c>version(1) = 1 | HMAC_UP key(32) |
    /// counter capacity(4, LE) | counter value(4, LE)</c>.
    /// </summary>
    public byte[] Snapshot()
    {
        var image = new byte[SnapshotSize];
        image[0] = SnapshotVersion;
        _hmacKey.CopyTo(image, 1);
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(1 + KeySize), Counter.Capacity);
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(1 + KeySize + 4), Counter.Value);
        return image;
    }

    /// <summary>Rebuilds the eFuse from a <see cref="Snapshot"/>; throws <see cref="ArgumentException"/> on a malformed one.</summary>
    public static SimEfuse FromSnapshot(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length != SnapshotSize || image[0] != SnapshotVersion)
        {
            throw new ArgumentException("Not an eFuse snapshot of this simulator.", nameof(image));
        }

        var capacity = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(1 + KeySize));
        var value = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(1 + KeySize + 4));
        if (capacity <= 0 || value < 0 || value > capacity)
        {
            throw new ArgumentException("The eFuse snapshot's counter is out of range.", nameof(image));
        }

        return new SimEfuse(image.AsSpan(1, KeySize).ToArray(), capacity, value);
    }
}
