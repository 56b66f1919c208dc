namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The tap to approve: waits for a live finger, reproduces the enrolled finger's 32-byte key,
    /// and counts the attempt against the lockout. The biometric pipeline implements it; the
    /// wallet commands only ever see the key, which they wipe.
    /// </summary>
    public interface IFingerKeyReader
    {
        /// <summary>True once a finger is enrolled.</summary>
        bool IsEnrolled { get; }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for a touch and returns a fresh copy
        /// of the finger key (the caller wipes it). Refuses with a <see cref="Protocol.CommandException"/>:
        /// NoFinger (timeout), FingerNotRecognized, PoorCapture, Locked, NotEnrolled.
        /// </summary>
        byte[] ReadKey(int timeoutMilliseconds);
    }
}
