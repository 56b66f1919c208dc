using CardFirmware.HalSim.Ble;

namespace CardFirmware.HalSim.Board;

/// <summary>How a <see cref="SimBoard"/> is built. Defaults: the ESP32-to-phone link, 64 pages of 4 KiB, entropy seed 1.</summary>
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

    /// <summary>Seed of the entropy source; null draws from the operating system's RNG.</summary>
    public ulong? EntropySeed { get; init; } = 1;
}
