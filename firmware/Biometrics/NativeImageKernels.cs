using CardFirmware.Crypto;
using CardFirmware.Crypto.Native;

namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The image kernels in the native module (crypto/Native include/cffinger.h): one module call per
    /// stage, nine per analysed capture (the minutiae included). Every buffer it passes has the size the C functions take
    /// (the frame 36,864 bytes, block arrays 576 entries, the bank 976 taps), fixed by the workspace. The frame may
    /// also be the module's resident frame (<see cref="ResidentFrame.Handle"/>, the card's): the module then works
    /// on its own static copy, and the codes encoded after the skeleton go there too.
    /// </summary>
    /// <remarks>Security: the period scratch is wiped after each use; the module keeps nothing (cffinger.h).</remarks>
    internal sealed class NativeImageKernels : IImageKernels
    {
        private readonly INativeModule _module;
        private readonly float[] _period = new float[1];

        /// <summary>Kernels over <paramref name="module"/> (the card's interop module, or the desktop's P/Invoke one).</summary>
        /// <exception cref="BiometricException">BadArgument when <paramref name="module"/> is null.</exception>
        public NativeImageKernels(INativeModule module)
        {
            if (module == null)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _module = module;
        }

        /// <inheritdoc/>
        public bool Accepts(byte[] frame)
        {
            return frame != null && (frame.Length == FrameGeometry.FrameSize || ResidentFrame.Is(frame));
        }

        /// <inheritdoc/>
        /// <remarks>Security: the resident frame is wiped by the module (cf_finger_frame_clear).</remarks>
        public void WipeFrame(byte[] frame)
        {
            if (ResidentFrame.Is(frame))
            {
                Checked(_module.FingerFrameClear());
            }
            else
            {
                Wipe.Bytes(frame);
            }
        }

        /// <inheritdoc/>
        public bool Stretch(byte[] frame, ushort[] histogram)
        {
            return Checked(_module.FingerStretch(frame)) == 1;
        }

        /// <inheritdoc/>
        public void AnalyseBlocks(byte[] frame, Workspace w)
        {
            Checked(_module.FingerBlocks(frame, w.Foreground, w.OrientationCos2, w.OrientationSin2, w.Coherence, w.KernelIndex));
        }

        /// <inheritdoc/>
        public int GateSums(byte[] frame, Workspace w, float[] sums)
        {
            return Checked(_module.FingerGateSums(frame, w.Foreground, w.Coherence, sums));
        }

        /// <inheritdoc/>
        public void Normalise(byte[] frame, Workspace w)
        {
            Checked(_module.FingerNormalise(frame, w.Foreground));
        }

        /// <inheritdoc/>
        public float RidgePeriod(byte[] frame, Workspace w)
        {
            try
            {
                Checked(_module.FingerPeriod(frame, w.Foreground, w.OrientationCos2, w.OrientationSin2, w.Coherence, _period));
                return _period[0];
            }
            finally
            {
                _period[0] = 0f;
            }
        }

        /// <inheritdoc/>
        public void Tune(GaborBank bank, float period)
        {
            if (period != bank.Period)
            {
                Checked(_module.FingerGabor(period, bank.Sigma, bank.Kernels));
                bank.Period = period;
            }
        }

        /// <inheritdoc/>
        public int Filter(byte[] frame, Workspace w, GaborBank bank)
        {
            return Checked(_module.FingerFilter(frame, w.Foreground, w.KernelIndex, bank.Kernels));
        }

        /// <inheritdoc/>
        public int Thin(byte[] frame)
        {
            return Checked(_module.FingerThin(frame));
        }

        /// <inheritdoc/>
        public void Minutiae(Workspace w)
        {
            MinutiaSet m = w.Minutiae;
            m.Count = Checked(_module.FingerMinutiae(w.Ridges, w.Foreground, w.OrientationCos2, w.OrientationSin2, w.Coherence,
                MinutiaExtractor.Parameters, m.X, m.Y, m.Type, m.Angle, m.Reliability));
        }

        // cffinger.h: a result below 0 is a refused argument (-CF_ERR_ARGUMENT), which the workspace's
        // fixed sizes rule out; it is reported, never ignored.
        private static int Checked(int result)
        {
            if (result < 0)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            return result;
        }
    }
}
