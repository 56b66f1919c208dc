using System.Security.Cryptography;
using CardFirmware.Hal;

namespace CardFirmware.HalSim.Efuse;

/// <summary>
/// The ESP32-S3 HMAC accelerator in upstream mode over the simulated HMAC_UP key block: HMAC-SHA256
/// of the message under a key that no member of this class returns. Counts its calls.
/// </summary>
public sealed class SimHmacPeripheral : IHmacPeripheral
{
    /// <summary>Size of one result.</summary>
    public const int MacSize = 32;

    private readonly byte[] _key;

    internal SimHmacPeripheral(byte[] key)
    {
        _key = key;
    }

    /// <summary>Computations so far.</summary>
    public long Calls { get; private set; }

    /// <inheritdoc />
    public void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, message.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(macOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(macOffset + MacSize, mac.Length);
        Calls++;
        HMACSHA256.HashData(_key, message.AsSpan(offset, count), mac.AsSpan(macOffset, MacSize));
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => "SimHmacPeripheral<HMAC_UP key redacted>";
}
