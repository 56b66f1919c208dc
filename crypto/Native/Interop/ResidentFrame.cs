namespace CardFirmware.Crypto.Native
{
    /// <summary>
    /// The name the managed side gives the native module's resident sensor frame (cffinger.h
    /// cf_finger_frame): a zero-length array passed where an <see cref="INativeModule"/> fingerprint call
    /// takes a frame or a code buffer. The pixels stay in the module's static RAM, never on the managed heap.
    /// </summary>
    public static class ResidentFrame
    {
        /// <summary>The zero-length array that stands for the resident frame (it holds nothing itself).</summary>
        public static readonly byte[] Handle = new byte[0];

        /// <summary>True if <paramref name="frame"/> names the resident frame (a zero-length array).</summary>
        public static bool Is(byte[] frame)
        {
            return frame != null && frame.Length == 0;
        }
    }
}
