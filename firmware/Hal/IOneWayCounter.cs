namespace CardFirmware.Hal
{
    /// <summary>
    /// A counter that only ever goes up and that rewriting the flash cannot move: one-time
    /// programmable bits, each burned from 0 to 1 and never back, read as a thermometer code
    /// (the value is the number of bits burned). Finite: <see cref="Capacity"/> bits for the
    /// card's life.
    /// </summary>
    /// <remarks>
    /// On the ESP32-S3 the eFuse bits that software may burn one at a time are in BLOCK0 only;
    /// BLOCK1 to BLOCK10 (BLOCK_USR_DATA and the key blocks among them) carry an RS(44,32)
    /// Reed-Solomon check over the whole block, so each of them can be programmed once (TRM chapter
    /// "eFuse Controller (eFuse)", coding scheme; ESP-IDF eFuse Manager). What backs this
    /// counter on a real card (a secure element's monotonic counter, say) is the device binding's
    /// choice; see <c>firmware/README.md</c>, "Hardware-bound secrets".
    /// Security: a burn is complete or absent after a power cut, never undone.
    /// </remarks>
    public interface IOneWayCounter
    {
        /// <summary>Bits burned so far, 0 to <see cref="Capacity"/>.</summary>
        int Value { get; }

        /// <summary>Bits the counter has for the card's life.</summary>
        int Capacity { get; }

        /// <summary>
        /// Burns the next bit (<see cref="Value"/> grows by one before this returns true). Returns
        /// false, burning nothing, when all <see cref="Capacity"/> bits are burned.
        /// </summary>
        bool Increment();
    }
}
