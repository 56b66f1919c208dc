namespace CardFirmware.HalSim.Fpc1020;

/// <summary>What the emulated chip is doing (fact sheet §1 modes, plus reset).</summary>
public enum Fpc1020Mode
{
    /// <summary>RST_N held low: the chip ignores the bus.</summary>
    InReset,

    /// <summary>Idle: ready for a command.</summary>
    Idle,

    /// <summary>Scanning the window into the FIFO (0xC0).</summary>
    Capturing,

    /// <summary>Taking one finger snapshot (0x20).</summary>
    QueryingFinger,

    /// <summary>Repeating snapshots until a finger is stable (0x24).</summary>
    WaitingForFinger,

    /// <summary>Sleep (0x28): periodic checks of zones 5 and 6.</summary>
    Sleep,

    /// <summary>Deep sleep (0x2C): no detection.</summary>
    DeepSleep,
}
