namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The image stages of a capture's analysis, from the grey frame to the ridge skeleton and its minutiae, as one
    /// call each: the pixel loops that dominate a touch's work. Two implementations compute the same
    /// bytes and the same single-precision values: <see cref="ManagedImageKernels"/> (the reference,
    /// the project's C#) and <see cref="NativeImageKernels"/> (crypto/Native's cffinger.h, interop on
    /// the card, P/Invoke on the desktop); tests/Native.Tests holds them to it.
    /// </summary>
    /// <remarks>Security: every argument is biometric; implementations keep no copy and leave no scratch unwiped.</remarks>
    internal interface IImageKernels
    {
        /// <summary>
        /// True if these kernels work on <paramref name="frame"/>: a 36,864-byte array, or (native kernels) the
        /// zero-length handle of the native module's resident frame (crypto/Native <c>ResidentFrame</c>).
        /// </summary>
        bool Accepts(byte[] frame);

        /// <summary>Wipes the capture's frame: the array, or the module's resident frame for its handle.</summary>
        void WipeFrame(byte[] frame);

        /// <summary><see cref="ContrastStretch"/>: stretches a compressed 36,864-byte frame in place; true if it did.</summary>
        bool Stretch(byte[] frame, ushort[] histogram);

        /// <summary><see cref="BlockAnalysis.Run"/>: foreground, orientation, coherence and kernel index of every block.</summary>
        void AnalyseBlocks(byte[] frame, Workspace w);

        /// <summary><see cref="QualityGate.BlockSums"/>: the finger blocks, their deviation and coherence sums in sums[0], sums[1].</summary>
        int GateSums(byte[] frame, Workspace w, float[] sums);

        /// <summary><see cref="RidgeEnhancer.Normalise"/>, in place.</summary>
        void Normalise(byte[] frame, Workspace w);

        /// <summary><see cref="RidgePeriodEstimator.Estimate"/> on the normalised frame.</summary>
        float RidgePeriod(byte[] frame, Workspace w);

        /// <summary><see cref="GaborBank.Tune"/>: retunes <paramref name="bank"/> to <paramref name="period"/> unless it is tuned to it.</summary>
        void Tune(GaborBank bank, float period);

        /// <summary><see cref="RidgeEnhancer.Filter"/>: the normalised frame becomes its ridge map; returns the ridge pixels.</summary>
        int Filter(byte[] frame, Workspace w, GaborBank bank);

        /// <summary><see cref="Thinning.Run"/>: thins the ridge map in place; returns the passes.</summary>
        int Thin(byte[] frame);

        /// <summary><see cref="MinutiaExtractor.Run"/>: the skeleton's minutiae into <see cref="Workspace.Minutiae"/>.</summary>
        void Minutiae(Workspace w);
    }
}
