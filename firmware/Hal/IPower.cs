namespace CardFirmware.Hal
{
    /// <summary>Power management of the board.</summary>
    public interface IPower
    {
        /// <summary>Battery voltage in millivolts (for the phone's status screen).</summary>
        int BatteryMillivolts { get; }

        /// <summary>
        /// Light sleep for at most <paramref name="maxMilliseconds"/>; returns early on a radio or
        /// GPIO wake-up. RAM is kept.
        /// </summary>
        void LightSleep(int maxMilliseconds);

        /// <summary>Restarts the chip; RAM is lost. Does not return on the card.</summary>
        void Restart();
    }
}
