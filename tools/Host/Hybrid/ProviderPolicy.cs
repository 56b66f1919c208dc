using System.Buffers.Binary;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// A wallet's rules at the provider, set when the wallet is created and replaced only with the card's approval.
/// Amounts are in the chain's smallest unit. The phone and the provider without the card may sign only a
/// transaction of at most <see cref="PerTransactionLimit"/>, keeping the last 24 hours' total within
/// <see cref="DailyLimit"/>, to an allowlisted destination when <see cref="Allowlist"/> is not empty, and above
/// <see cref="DelayThreshold"/> only once the same transaction was first asked for at least
/// <see cref="DelaySeconds"/> earlier. Card and provider (the phone is lost) sign only if
/// <see cref="CardProviderAllowed"/>, and only with the enrolled card itself taking part (its messages sealed under
/// its identity key, released after its owner's touch). Card and phone never need the provider.
/// </summary>
public sealed record ProviderPolicy(
    ulong PerTransactionLimit,
    ulong DailyLimit,
    ulong DelayThreshold,
    uint DelaySeconds,
    byte[][] Allowlist,
    bool CardProviderAllowed = true)
{
    private const byte FormatVersion = 1;

    /// <summary>Longest destination, bytes.</summary>
    public const int MaxDestinationBytes = 64;

    /// <summary>Most allowlisted destinations.</summary>
    public const int MaxAllowlist = 64;

    /// <summary>
    /// The canonical bytes the card approves: version (1) ‖ per transaction (8) ‖ per day (8) ‖ delay threshold (8)
    /// ‖ delay seconds (4) ‖ flags (1: bit 0 card and provider allowed) ‖ count (1) ‖ per destination length (1) ‖
    /// bytes; integers big-endian.
    /// </summary>
    public byte[] Encode()
    {
        if (Allowlist.Length > MaxAllowlist || Allowlist.Any(d => d.Length is 0 or > MaxDestinationBytes))
        {
            throw new ArgumentException("Allowlist too long or a destination empty or over 64 bytes.");
        }

        var size = 1 + 8 + 8 + 8 + 4 + 1 + 1 + Allowlist.Sum(d => 1 + d.Length);
        var b = new byte[size];
        b[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(1), PerTransactionLimit);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(9), DailyLimit);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(17), DelayThreshold);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(25), DelaySeconds);
        b[29] = (byte)(CardProviderAllowed ? 1 : 0);
        b[30] = (byte)Allowlist.Length;
        var at = 31;
        foreach (var d in Allowlist)
        {
            b[at++] = (byte)d.Length;
            d.CopyTo(b, at);
            at += d.Length;
        }

        return b;
    }

    /// <summary>Reads <see cref="Encode"/>'s bytes; <see cref="FormatException"/> on any deviation.</summary>
    public static ProviderPolicy Decode(byte[] b)
    {
        if (b.Length < 31 || b[0] != FormatVersion || b[29] > 1 || b[30] > MaxAllowlist)
        {
            throw new FormatException("Not a provider policy.");
        }

        var list = new byte[b[30]][];
        var at = 31;
        for (var i = 0; i < list.Length; i++)
        {
            if (at >= b.Length || b[at] is 0 or > MaxDestinationBytes || at + 1 + b[at] > b.Length)
            {
                throw new FormatException("Bad allowlist entry.");
            }

            list[i] = b.AsSpan(at + 1, b[at]).ToArray();
            at += 1 + b[at];
        }

        if (at != b.Length)
        {
            throw new FormatException("Trailing bytes after the policy.");
        }

        return new ProviderPolicy(
            BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(1)),
            BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(9)),
            BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(17)),
            BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(25)),
            list,
            b[29] == 1);
    }
}
