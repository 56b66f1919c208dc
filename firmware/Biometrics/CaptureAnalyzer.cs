namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Runs the image stages of the pipeline on one capture: block analysis, quality gate, ridge
    /// enhancement, thinning and minutia extraction. The result is left in the workspace.
    /// </summary>
    internal sealed class CaptureAnalyzer
    {
        /// <summary>Ridge period at 500 dpi in pixels (Maltoni et al.: 8-11 px; FVC2002 DB1 about 9) the bank starts with and falls back to when a capture gives no estimate.</summary>
        public const float RidgePeriod = 9f;

        /// <summary>Gaussian envelope of the Gabor kernels in pixels (Hong et al. 1998 use 4).</summary>
        public const float GaborSigma = 4f;

        // Untuned until the first capture, so every bank a capture is filtered with comes from the
        // chosen kernels (on the card, native and nanoFramework's single-precision Math differ).
        private readonly GaborBank _bank = new GaborBank(GaborSigma);
        private readonly IImageKernels _kernels;

        // The quality gate's block sums (deviation, coherence), wiped after use.
        private readonly float[] _gateSums = new float[2];

        // Grey-level histogram of the normalisation (a count per level, wiped after use).
        private readonly ushort[] _histogram = new ushort[256];

        /// <summary>The workspace the stages fill.</summary>
        public readonly Workspace Work = new Workspace();

        /// <summary>An analyzer on the reference (managed) image kernels.</summary>
        public CaptureAnalyzer()
            : this(ManagedImageKernels.Instance)
        {
        }

        /// <summary>An analyzer whose image stages run on <paramref name="kernels"/>.</summary>
        public CaptureAnalyzer(IImageKernels kernels)
        {
            _kernels = kernels;
        }

        /// <summary>Wipes the workspace and the Gabor kernels tuned to the last capture's ridge period.</summary>
        public void Clear()
        {
            System.Array.Clear(_histogram, 0, _histogram.Length);
            Workspace.WipeFloats(_gateSums);
            Work.Clear();
            _bank.Clear();
        }

        /// <summary>True if these image kernels work on <paramref name="frame"/> (<see cref="IImageKernels.Accepts"/>).</summary>
        public bool Accepts(byte[] frame)
        {
            return _kernels.Accepts(frame);
        }

        /// <summary>Wipes the capture's frame, wherever it lives (<see cref="IImageKernels.WipeFrame"/>).</summary>
        public void WipeFrame(byte[] frame)
        {
            _kernels.WipeFrame(frame);
        }

        /// <summary>True if the workspace and the kernels are wiped.</summary>
        public bool IsClear()
        {
            for (int i = 0; i < _histogram.Length; i++)
            {
                if (_histogram[i] != 0)
                {
                    return false;
                }
            }

            return Workspace.AllZero(_gateSums) && Work.IsClear() && _bank.IsClear();
        }

        /// <summary>
        /// Analyses <paramref name="frame"/> (36,864 bytes; consumed: normalised, filtered and thinned
        /// in place, wiped by the workspace's <see cref="Workspace.Clear"/>) and leaves its minutiae in
        /// <see cref="Work"/>; returns why it is unusable, or None.
        /// </summary>
        public QualityError Analyse(byte[] frame)
        {
            Work.Attach(frame);
            if (_kernels.Stretch(frame, _histogram))
            {
                PipelineCounters.Add(ref PipelineCounters.PixelReads, 2L * FrameGeometry.FrameSize);
            }

            _kernels.AnalyseBlocks(frame, Work);
            PipelineCounters.Add(ref PipelineCounters.PixelReads, 2L * 9 * FrameGeometry.FrameSize);
            int foreground = _kernels.GateSums(frame, Work, _gateSums);
            QualityError verdict = QualityGate.AssessBlocks(foreground, _gateSums[0], _gateSums[1]);
            Workspace.WipeFloats(_gateSums);
            // The gate and the normalisation recompute block statistics instead of reading a table:
            // a 16 x 16 window per 8 x 8 block reads each pixel about 4 times per pass (upper bound).
            PipelineCounters.Add(ref PipelineCounters.PixelReads, 4L * FrameGeometry.FrameSize);
            if (verdict != QualityError.None)
            {
                return verdict;
            }

            _kernels.Normalise(frame, Work);
            _kernels.Tune(_bank, _kernels.RidgePeriod(frame, Work));
            _kernels.Filter(frame, Work, _bank);
            PipelineCounters.Add(ref PipelineCounters.PixelReads, 4L * FrameGeometry.FrameSize);
            PipelineCounters.Add(ref PipelineCounters.FilterTaps, (long)FrameGeometry.FrameSize * GaborBank.KernelSide * GaborBank.KernelSide);
            int passes = _kernels.Thin(frame);
            PipelineCounters.Add(ref PipelineCounters.ThinningVisits, (long)passes * 2 * FrameGeometry.FrameSize);
            _kernels.Minutiae(Work);
            return QualityGate.AssessMinutiae(Work.Minutiae);
        }
    }
}
