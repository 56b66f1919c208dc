namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// Grey-level percentiles of a frame, the one pixel loop of <see cref="AdcCalibration"/>: the driver's
    /// reference is <see cref="ManagedGreyLevelPercentiles"/>; the board may hand the driver another
    /// implementation computing the same levels (the card's native module, as the firmware's image kernels
    /// are injected), so that the driver itself depends on nothing above the HAL.
    /// </summary>
    /// <remarks>Security: the frame is biometric; an implementation keeps no copy and leaves no histogram unwiped.</remarks>
    public interface IGreyLevelPercentiles
    {
        /// <summary>
        /// levels[r] = the grey level below which at most ranks[r] of <paramref name="image"/>[0..count) lie
        /// (the ranks[r]-th darkest pixel, 0-based; 255 when the frame holds no more than ranks[r] pixels), for
        /// every entry of <paramref name="ranks"/> (1 to 16 entries; <paramref name="levels"/> as long).
        /// </summary>
        void Levels(byte[] image, int count, int[] ranks, int[] levels);
    }
}
