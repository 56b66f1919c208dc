using System.Buffers.Binary;
using System.Security.Cryptography;
using CardFirmware.Hal;

namespace CardFirmware.HalSim.Entropy;

/// <summary>
/// The simulated hardware RNG. Seeded mode is deterministic, so a simulated session can be
/// replayed byte for byte: block i of the stream is SHA-256(seed as 8 bytes little-endian ||
/// i as 8 bytes little-endian), 32 bytes per block. Operating-system mode draws from
/// <see cref="RandomNumberGenerator"/> for runs that must not be reproducible.
/// </summary>
/// <remarks>Security: the seeded stream is public by construction; it only ever feeds simulations and tests.</remarks>
public sealed class SimEntropy : IEntropySource
{
    private readonly bool _fromOperatingSystem;
    private readonly byte[] _input = new byte[16];
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _used = 32;

    private SimEntropy(bool fromOperatingSystem, ulong seed)
    {
        _fromOperatingSystem = fromOperatingSystem;
        BinaryPrimitives.WriteUInt64LittleEndian(_input, seed);
    }

    /// <summary>A deterministic source: the same seed gives the same bytes, however they are requested.</summary>
    public static SimEntropy Seeded(ulong seed) => new(false, seed);

    /// <summary>A source backed by the operating system's cryptographic RNG.</summary>
    public static SimEntropy OperatingSystem() => new(true, 0);

    /// <summary>True for the operating-system mode.</summary>
    public bool IsOperatingSystem => _fromOperatingSystem;

    /// <summary>Bytes handed out so far.</summary>
    public long BytesProvided { get; private set; }

    /// <inheritdoc />
    public void GetBytes(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        BytesProvided += count;
        if (_fromOperatingSystem)
        {
            RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (_used == _block.Length)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(_input.AsSpan(8), _counter++);
                SHA256.HashData(_input, _block);
                _used = 0;
            }

            buffer[offset + i] = _block[_used++];
        }
    }
}
