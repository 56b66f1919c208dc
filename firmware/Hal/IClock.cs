namespace CardFirmware.Hal
{
    /// <summary>
    /// Monotonic time, delays and waitable signals. Every wait in the firmware goes through
    /// this interface with a bound, so that no wait can hang the card and so that a simulated
    /// board can run time as fast as the events it has to deliver.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes backwards.</summary>
        long UptimeMilliseconds { get; }

        /// <summary>Blocks the calling thread for at least <paramref name="milliseconds"/>.</summary>
        void Delay(int milliseconds);

        /// <summary>Creates an auto-reset signal whose waits are measured on this clock.</summary>
        IWaitSignal CreateSignal();
    }

    /// <summary>An auto-reset event (nanoFramework <c>AutoResetEvent</c>) measured on an <see cref="IClock"/>.</summary>
    public interface IWaitSignal
    {
        /// <summary>Sets the signal; safe to call from an interrupt or radio callback.</summary>
        void Set();

        /// <summary>
        /// Waits until the signal is set or <paramref name="timeoutMilliseconds"/> have passed.
        /// Returns true if it was set (and resets it), false on timeout. A negative timeout is not allowed.
        /// </summary>
        bool Wait(int timeoutMilliseconds);
    }
}
