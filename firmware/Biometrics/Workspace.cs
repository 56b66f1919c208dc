using CardFirmware.Crypto;

namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Every working buffer of one capture's analysis, allocated once per pipeline and reused, so
    /// that a verification allocates nothing and one <see cref="Clear"/> wipes all
    /// biometric state. Sizes: block arrays of 576 entries, six pixel rows for the filter and up to
    /// <see cref="MaxMinutiae"/> minutiae; the full-frame maps live in the capture's own frame.
    /// </summary>
    /// <remarks>Security: everything here is biometric; the pipeline calls <see cref="Clear"/> in a finally block.</remarks>
    internal sealed class Workspace
    {
        /// <summary>Capacity for minutia candidates before clean-up (a 192 x 192 window at 500 dpi holds about 20-50 true ones).</summary>
        public const int MaxMinutiae = 128;

        /// <summary>Pixel rows the Gabor filter holds back before writing them over the image (its kernel side is 11).</summary>
        public const int FilterRows = GaborBank.Radius + 1;

        /// <summary>
        /// The capture's frame (36,864 bytes, the caller's buffer, attached by <see cref="Attach"/>):
        /// the grey image, normalised in place, then overwritten by the binary ridge map (1 = ridge),
        /// then thinned in place to a one-pixel skeleton; once the minutiae are out, the extractor keeps
        /// the touch's code set in it (<see cref="CodeBuffer"/>). A second full-frame buffer would double
        /// the largest allocation of a touch. Null between captures.
        /// </summary>
        public byte[] Ridges;

        /// <summary>Filter output rows not yet written over the image (their input rows are still needed), one bit a pixel.</summary>
        public readonly byte[] PendingRows = new byte[FilterRows * FrameGeometry.Side / 8];

        /// <summary>Per block: 1 if the block shows finger, 0 if bare sensor or unusable.</summary>
        public readonly byte[] Foreground = new byte[FrameGeometry.BlockCount];

        /// <summary>
        /// Per block: smoothed doubled-angle vector of the ridge orientation (cos 2θ part); before the
        /// smoothing, the block's unit gradient vector (smoothed in place, see <see cref="PendingCos2"/>).
        /// </summary>
        public readonly float[] OrientationCos2 = new float[FrameGeometry.BlockCount];

        /// <summary>Per block: smoothed doubled-angle vector of the ridge orientation (sin 2θ part).</summary>
        public readonly float[] OrientationSin2 = new float[FrameGeometry.BlockCount];

        /// <summary>Block rows the orientation smoothing holds back before writing them over its input.</summary>
        public const int SmoothRows = BlockAnalysis.SmoothRadius + 1;

        /// <summary>
        /// Smoothed rows (cos part) not yet written over the gradient vectors they are made from; later,
        /// during the normalisation, the block means of two block rows (block statistics are not stored
        /// per block, see <see cref="BlockAnalysis.Statistics"/>).
        /// </summary>
        public readonly float[] PendingCos2 = new float[SmoothRows * FrameGeometry.Blocks];

        /// <summary>Smoothed rows (sin part) not yet written over the gradient vectors; later the block deviations of two block rows.</summary>
        public readonly float[] PendingSin2 = new float[SmoothRows * FrameGeometry.Blocks];

        /// <summary>Per block: gradient coherence in [0, 1] (1 = perfectly parallel ridges).</summary>
        public readonly float[] Coherence = new float[FrameGeometry.BlockCount];

        /// <summary>
        /// Per block: the Gabor kernel of its ridge orientation (<see cref="GaborBank.IndexOf"/> of the
        /// orientation in [0, π) from the smoothed vectors); the filter needs nothing else of it. Before
        /// the smoothing fills it, the segmentation's threshold mask uses the same buffer.
        /// </summary>
        public readonly byte[] KernelIndex = new byte[FrameGeometry.BlockCount];

        /// <summary>Minutiae of the current capture.</summary>
        public readonly MinutiaSet Minutiae = new MinutiaSet(MaxMinutiae);

        /// <summary>Makes <paramref name="frame"/> the capture the stages work on (and <see cref="Clear"/> wipes).</summary>
        public void Attach(byte[] frame)
        {
            Ridges = frame;
        }

        /// <summary>Zeroes every buffer, the attached frame included, and detaches the frame.</summary>
        public void Clear()
        {
            if (Ridges != null)
            {
                Wipe.Bytes(Ridges);
                Ridges = null;
            }

            Wipe.Bytes(PendingRows);
            Wipe.Bytes(Foreground);
            WipeFloats(OrientationCos2);
            WipeFloats(OrientationSin2);
            WipeFloats(PendingCos2);
            WipeFloats(PendingSin2);
            WipeFloats(Coherence);
            Wipe.Bytes(KernelIndex);
            Minutiae.Clear();
        }

        /// <summary>True if every buffer is zero (used by tests to prove the wipe).</summary>
        public bool IsClear()
        {
            return Ridges == null && AllZero(PendingRows) && AllZero(Foreground)
                && AllZero(OrientationCos2) && AllZero(OrientationSin2)
                && AllZero(PendingCos2) && AllZero(PendingSin2) && AllZero(Coherence) && AllZero(KernelIndex)
                && Minutiae.IsClear();
        }

        // Wipe offers byte/int/uint/ulong helpers; float buffers go through Array.Clear like they do.
        internal static void WipeFloats(float[] values)
        {
            if (values != null)
            {
                System.Array.Clear(values, 0, values.Length);
            }
        }

        internal static bool AllZero(byte[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool AllZero(float[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0f)
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool AllZero(uint[] values)
        {
            uint acc = 0;
            for (int i = 0; i < values.Length; i++)
            {
                acc |= values[i];
            }

            return acc == 0;
        }

        internal static bool AllZero(ushort[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        internal static bool AllZero(int[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
