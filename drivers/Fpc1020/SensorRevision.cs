namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>FPC1020A silicon revision, found by the test-pattern probe (fact sheet §6.2); all report HWID 0x020A.</summary>
    public enum SensorRevision
    {
        /// <summary>Not probed yet.</summary>
        Unknown = 0,

        /// <summary>Revision A1.</summary>
        A1 = 1,

        /// <summary>Revision A2.</summary>
        A2 = 2,

        /// <summary>Revision A3 (the hobby modules, §6.2).</summary>
        A3 = 3,

        /// <summary>Revision A4.</summary>
        A4 = 4,
    }
}
