namespace CardFirmware.Drivers.Fpc1020
{
    /// <summary>
    /// Register values per FPC1020A revision, in wire order (fact sheet §6.3, FPC reference recipe).
    /// Arrays are shared and never modified.
    /// </summary>
    internal static class Fpc1020Recipe
    {
        /// <summary>FINGER_DRIVE_CONF with the finger drive on and TXOUT from the VDDTX pin (§4.3).</summary>
        public const byte FingerDriveExternal = 0x02;

        /// <summary>Default zone threshold (§5).</summary>
        public const byte DetectThreshold = 0x50;

        /// <summary>IMAGE_SETUP in normal operation (§6.3 step 10).</summary>
        public static readonly byte[] ImageSetup = new byte[] { 0x0B };

        /// <summary>FNGR_DET_CNTR: no wait between snapshots, ~1 s sleep period (§5).</summary>
        public static readonly byte[] DetectCounter = new byte[] { 0x00, 0xFF };

        /// <summary>Full 192 x 192 window: rows 0..191, columns 0..191 (§4.3).</summary>
        public static readonly byte[] FullWindow = new byte[] { 0x00, 0xC0, 0x00, 0xC0 };

        /// <summary>"ADC flush" window after reset: 1 row x 72 columns (§6.1 step 7).</summary>
        public static readonly byte[] FlushWindow = new byte[] { 0x00, 0x01, 0x00, 0x48 };

        /// <summary>Revision probe window: rows 0..4, all columns (§6.2 step 2).</summary>
        public static readonly byte[] ProbeWindow = new byte[] { 0x00, 0x05, 0x00, 0xC0 };

        /// <summary>Revision probe ADC: shift 15, gain 0 (§6.2 step 1).</summary>
        public static readonly byte[] ProbeShiftGain = new byte[] { 0x0F, 0x00 };

        /// <summary>Revision probe: every test capacitor on (§6.2 step 1).</summary>
        public static readonly byte[] ProbeTestPattern = new byte[] { 0xFF, 0xFF };

        /// <summary>Revision probe: finger drive to the test capacitors (§4.3, §6.2 step 1).</summary>
        public static readonly byte[] ProbeFingerDrive = new byte[] { 0x04 };

        /// <summary>SAMPLE_PX_DLY per revision A1..A4 (§6.3 step 1).</summary>
        public static readonly byte[][] SamplePixelDelay = new byte[][]
        {
            new byte[] { 0x36, 0x36, 0x36, 0x36, 0x3F, 0x3F, 0x3F, 0x3F },
            new byte[] { 0x14, 0x14, 0x14, 0x14, 0x1E, 0x1E, 0x1E, 0x1E },
            new byte[] { 0x17, 0x17, 0x17, 0x17, 0x23, 0x23, 0x23, 0x23 },
            new byte[] { 0x08, 0x08, 0x08, 0x08, 0x14, 0x14, 0x14, 0x14 },
        };

        /// <summary>PXL_RST_DLY per revision (A4 does not write it) (§6.3 step 2).</summary>
        public static readonly byte[] PixelResetDelay = new byte[] { 0x33, 0x0F, 0x0F, 0x00 };

        /// <summary>FINGER_DRIVE_DLY per revision (§6.3 step 3).</summary>
        public static readonly byte[] FingerDriveDelay = new byte[] { 0x37, 0x15, 0x18, 0x09 };

        /// <summary>ADC_SETUP first and second write, A1/A2 only (§6.3 steps 4 and 6).</summary>
        public static readonly byte[] AdcSetupFirst = new byte[] { 0x55, 0x40, 0x00, 0x3F, 0x24 };

        /// <summary>ADC_SETUP second write (§6.3 step 6).</summary>
        public static readonly byte[] AdcSetupSecond = new byte[] { 0x55, 0x40, 0x00, 0x3F, 0x34 };

        /// <summary>ANA_TEST_MUX, A1/A2 only (§6.3 step 5).</summary>
        public static readonly byte[] AnalogTestMux = new byte[] { 0x00, 0x08, 0x00, 0x00 };

        /// <summary>Finger-detect ADC_SHIFT_GAIN for A1/A2 and for A3/A4 (§6.3 step 8).</summary>
        public static readonly byte[] DetectShiftGainA12 = new byte[] { 0x01, 0x01 };

        /// <summary>Finger-detect and capture ADC_SHIFT_GAIN for A3/A4 (§6.3 step 8 and capture table).</summary>
        public static readonly byte[] ShiftGainA34 = new byte[] { 0x0A, 0x02 };

        /// <summary>Capture ADC_SHIFT_GAIN for A1/A2 (§6.3 capture table).</summary>
        public static readonly byte[] CaptureShiftGainA12 = new byte[] { 0x01, 0x00 };

        /// <summary>Finger-detect PXL_CTRL for A1/A2 (§6.3 step 9).</summary>
        public static readonly byte[] DetectPixelControlA12 = new byte[] { 0x0F, 0x0B };

        /// <summary>Finger-detect PXL_CTRL for A3/A4 (§6.3 step 9).</summary>
        public static readonly byte[] DetectPixelControlA34 = new byte[] { 0x0F, 0x0A };

        /// <summary>Capture PXL_CTRL for A1/A2 (§6.3 capture table).</summary>
        public static readonly byte[] CapturePixelControlA12 = new byte[] { 0x0F, 0x1B };

        /// <summary>Capture PXL_CTRL for A3/A4 (§6.3 capture table).</summary>
        public static readonly byte[] CapturePixelControlA34 = new byte[] { 0x0F, 0x1E };

        /// <summary>
        /// The revision whose probe band (§6.2 step 4) holds the mean of columns 0-31
        /// (<paramref name="left"/>) and 160-191 (<paramref name="right"/>), or Unknown.
        /// </summary>
        public static SensorRevision RevisionFromProbe(int left, int right)
        {
            if (In(left, 181, 219) && In(right, 101, 179))
            {
                return SensorRevision.A1;
            }

            if (In(left, 181, 219) && In(right, 181, 219))
            {
                return SensorRevision.A2;
            }

            if (In(left, 101, 179) && In(right, 151, 179))
            {
                return SensorRevision.A3;
            }

            if (In(left, 0, 99) && In(right, 0, 99))
            {
                return SensorRevision.A4;
            }

            return SensorRevision.Unknown;
        }

        private static bool In(int value, int low, int high)
        {
            return value >= low && value <= high;
        }
    }
}
