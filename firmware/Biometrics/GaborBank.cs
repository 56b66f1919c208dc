namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Even-symmetric Gabor kernels tuned to the ridge period, one per quantised orientation
    /// (Hong, Wan and Jain 1998, section 2.6): a cosine across the ridges times a Gaussian
    /// envelope, made zero-mean so flat areas give no response. Retuned per capture to its ridge period
    /// (<see cref="RidgePeriodEstimator"/>), so the tuned kernels reveal that period: <see cref="Clear"/>
    /// wipes them with the rest of a capture's state.
    /// </summary>
    /// <remarks>
    /// An even-symmetric kernel is point-symmetric, k(x, y) = k(-x, -y) exactly (the cosine and the
    /// envelope see the negated arguments, which round the same), so only the first
    /// <see cref="StoredTaps"/> taps in row-major order (the rows above the centre and the centre up
    /// to its middle) are kept; tap t &gt;= StoredTaps is tap KernelSide² - 1 - t. The mean is taken
    /// over all 121 taps in row-major order, as for a full kernel.
    /// </remarks>
    internal sealed class GaborBank
    {
        /// <summary>Number of orientations (π / 16 = 11.25 degrees apart).</summary>
        public const int Orientations = 16;

        /// <summary>Kernel radius in pixels; the kernel is (2r+1) x (2r+1).</summary>
        public const int Radius = 5;

        /// <summary>Kernel side: 11.</summary>
        public const int KernelSide = 2 * Radius + 1;

        /// <summary>Taps kept per kernel: (11 x 11 + 1) / 2 = 61.</summary>
        public const int StoredTaps = (KernelSide * KernelSide + 1) / 2;

        /// <summary>Taps of the whole bank: 16 x 61 = 976.</summary>
        public const int BankTaps = Orientations * StoredTaps;

        /// <summary>
        /// Kernels, one after the other: tap t of orientation o (row-major, t &lt; <see cref="StoredTaps"/>)
        /// at [o * StoredTaps + t]. One flat array so the native filter (crypto/Native cffinger.h) reads it as is.
        /// </summary>
        public readonly float[] Kernels = new float[BankTaps];

        /// <summary>Envelope of the kernels (pixels).</summary>
        public readonly float Sigma;

        /// <summary>The ridge period (pixels) the kernels are tuned to; 0 once wiped.</summary>
        public float Period;

        /// <summary>Builds the bank for ridges <paramref name="periodPixels"/> apart (about 9 at 500 dpi).</summary>
        public GaborBank(float periodPixels, float sigma)
        {
            Sigma = sigma;
            Build(periodPixels);
        }

        /// <summary>
        /// An untuned bank (zero kernels, period 0, as after <see cref="Clear"/>): the image kernels tune it
        /// to each capture's period, so building it costs no kernel evaluation (a touch makes its own).
        /// </summary>
        public GaborBank(float sigma)
        {
            Sigma = sigma;
        }

        /// <summary>Retunes the kernels in place to ridges <paramref name="periodPixels"/> apart (nothing allocated; a no-op if already tuned to it).</summary>
        public void Tune(float periodPixels)
        {
            if (periodPixels != Period)
            {
                Build(periodPixels);
            }
        }

        /// <summary>Zeroes the kernels and the period (the next <see cref="Tune"/> rebuilds them).</summary>
        public void Clear()
        {
            Period = 0f;
            Workspace.WipeFloats(Kernels);
        }

        /// <summary>True once <see cref="Clear"/> has wiped the kernels.</summary>
        public bool IsClear()
        {
            return Period == 0f && Workspace.AllZero(Kernels);
        }

        private void Build(float periodPixels)
        {
            Period = periodPixels;
            float frequency = 2f * Angles.Pi / periodPixels;
            float inverseTwoSigmaSquared = 1f / (2f * Sigma * Sigma);
            float[] k = Kernels;
            for (int o = 0; o < Orientations; o++)
            {
                int first = o * StoredTaps;
                float ridge = o * Angles.Pi / Orientations;
                // The cosine runs across the ridges, i.e. along the normal of the ridge orientation.
                float nx = -(float)System.Math.Sin(ridge);
                float ny = (float)System.Math.Cos(ridge);
                float sum = 0f;
                for (int y = -Radius; y <= Radius; y++)
                {
                    for (int x = -Radius; x <= Radius; x++)
                    {
                        float across = x * nx + y * ny;
                        float envelope = (float)System.Math.Exp(-(x * x + y * y) * inverseTwoSigmaSquared);
                        float value = envelope * (float)System.Math.Cos(frequency * across);
                        int tap = (y + Radius) * KernelSide + x + Radius;
                        if (tap < StoredTaps)
                        {
                            k[first + tap] = value;
                        }

                        sum += value;
                    }
                }

                float mean = sum / (KernelSide * KernelSide);
                for (int i = first; i < first + StoredTaps; i++)
                {
                    k[i] -= mean;
                }
            }
        }

        /// <summary>Index of the kernel closest to ridge orientation <paramref name="theta"/> (radians, [0, π)).</summary>
        public static int IndexOf(float theta)
        {
            int i = (int)(theta * Orientations / Angles.Pi + 0.5f);
            return i >= Orientations ? i - Orientations : i;
        }
    }
}
