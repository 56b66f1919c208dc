namespace CardFirmware.Hal
{
    /// <summary>Raised on an input pin's edge, from the interrupt context of the board.</summary>
    /// <param name="risingEdge">true for a low-to-high transition.</param>
    public delegate void PinEdgeHandler(bool risingEdge);

    /// <summary>A GPIO input with edge interrupts (nanoFramework <c>GpioPin</c> in input mode).</summary>
    public interface IInputPin
    {
        /// <summary>The current level: true is high.</summary>
        bool Read();

        /// <summary>Raised on every edge. Handlers must be short: they run in interrupt context on the card.</summary>
        event PinEdgeHandler Edge;
    }

    /// <summary>A GPIO output (nanoFramework <c>GpioPin</c> in output mode).</summary>
    public interface IOutputPin
    {
        /// <summary>Drives the pin high (true) or low (false).</summary>
        void Write(bool high);
    }
}
