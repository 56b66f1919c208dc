using CardFirmware.HalSim.Ble;

namespace CardFirmware.HalSim.Board;

/// <summary>How a <see cref="SimBoard"/> is built. Defaults: the ESP32-to-phone link, 64 pages of 4 KiB, 4,096 counter bits, entropy seed 1.</summary>
public sealed record SimBoardOptions
{
    /// <summary>Timing and loss of the BLE link.</summary>
    public LinkProfile Link { get; init; } = LinkProfile.Esp32ToPhone;

    /// <summary>Largest ATT MTU the card's stack accepts.</summary>
    public int CardMaxMtu { get; init; } = SimBleLink.MaximumMtu;

    /// <summary>Flash erase unit in bytes.</summary>
    public int FlashPageSize { get; init; } = 4096;

    /// <summary>Pages of the flash data partition.</summary>
    public int FlashPages { get; init; } = 64;

    /// <summary>
    /// Bits of the one-way touch counter: the card's lifetime budget of evaluated finger touches
    /// (one bit each; see <c>firmware/README.md</c>, "Hardware-bound secrets").
    /// </summary>
    public int CounterBits { get; init; } = 4096;

    /// <summary>Seed of the entropy source and of the factory's eFuse HMAC key; null draws both from the operating system's RNG.</summary>
    public ulong? EntropySeed { get; init; } = 1;
}
