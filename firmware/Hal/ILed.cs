namespace CardFirmware.Hal
{
    /// <summary>What the card's single LED shows. The board implements blinking with a timer.</summary>
    public enum LedPattern
    {
        /// <summary>Dark.</summary>
        Off = 0,
        /// <summary>Steady on: connected, working.</summary>
        On = 1,
        /// <summary>Slow blink: advertising, waiting for a phone.</summary>
        BlinkSlow = 2,
        /// <summary>Fast blink: waiting for a finger touch.</summary>
        BlinkFast = 3,
        /// <summary>Three short flashes: an error or a refused touch.</summary>
        ErrorFlash = 4,
    }

    /// <summary>The card's status LED.</summary>
    public interface ILed
    {
        /// <summary>Shows <paramref name="pattern"/> until the next call.</summary>
        void Show(LedPattern pattern);
    }
}
