using CardFirmware.Crypto;

namespace CardFirmware.Biometrics
{
    /// <summary>The reference image kernels: the pipeline's own C# (<see cref="IImageKernels"/>).</summary>
    internal sealed class ManagedImageKernels : IImageKernels
    {
        /// <summary>The one instance (the kernels keep no state).</summary>
        public static readonly ManagedImageKernels Instance = new ManagedImageKernels();

        private ManagedImageKernels()
        {
        }

        /// <inheritdoc/>
        public bool Accepts(byte[] frame)
        {
            return frame != null && frame.Length == FrameGeometry.FrameSize;
        }

        /// <inheritdoc/>
        public void WipeFrame(byte[] frame)
        {
            Wipe.Bytes(frame);
        }

        /// <inheritdoc/>
        public bool Stretch(byte[] frame, ushort[] histogram)
        {
            return ContrastStretch.Run(frame, histogram);
        }

        /// <inheritdoc/>
        public void AnalyseBlocks(byte[] frame, Workspace w)
        {
            BlockAnalysis.Run(frame, w);
        }

        /// <inheritdoc/>
        public int GateSums(byte[] frame, Workspace w, float[] sums)
        {
            return QualityGate.BlockSums(frame, w, sums);
        }

        /// <inheritdoc/>
        public void Normalise(byte[] frame, Workspace w)
        {
            RidgeEnhancer.Normalise(frame, w);
        }

        /// <inheritdoc/>
        public float RidgePeriod(byte[] frame, Workspace w)
        {
            return RidgePeriodEstimator.Estimate(frame, w);
        }

        /// <inheritdoc/>
        public void Tune(GaborBank bank, float period)
        {
            bank.Tune(period);
        }

        /// <inheritdoc/>
        public int Filter(byte[] frame, Workspace w, GaborBank bank)
        {
            return RidgeEnhancer.Filter(frame, w, bank);
        }

        /// <inheritdoc/>
        public int Thin(byte[] frame)
        {
            return Thinning.Run(frame);
        }

        /// <inheritdoc/>
        public void Minutiae(Workspace w)
        {
            MinutiaExtractor.Run(w);
        }
    }
}
