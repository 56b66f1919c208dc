namespace CardFirmware.Hal
{
    /// <summary>
    /// Where a board keeps firmware images for signed updates (firmware/Card/Update): two equal slots
    /// (the first and second half of <see cref="FirmwareFlash"/>; on the ESP32-S3 the ota_0 and ota_1
    /// app partitions) and a one-way counter of the installed firmware version (anti-rollback). A
    /// board without it offers no update commands.
    /// </summary>
    public interface IFirmwareStore
    {
        /// <summary>Both firmware slots, NOR semantics as <see cref="IFlash"/>; an even page count.</summary>
        IFlash FirmwareFlash { get; }

        /// <summary>The version counter: the version of the newest firmware ever activated.</summary>
        IOneWayCounter FirmwareVersionCounter { get; }
    }
}
