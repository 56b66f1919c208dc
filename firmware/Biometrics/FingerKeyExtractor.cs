using CardFirmware.Crypto;

namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The card's fuzzy extractor: turns touches of one finger into a stable 32-byte key and public
    /// helper data, and reproduces the key from a later touch and the helper data alone.
    /// Enrollment: <see cref="RequiredTouches"/> accepted touches (<see cref="EnrollmentTouches"/> on
    /// the card); the triangle codes that at least <see cref="MinAgreement"/> of them show (up to
    /// <see cref="MaxGenuine"/>, codes a second touch confirmed first) become the genuine points of
    /// a <see cref="FuzzyVault"/>.
    /// Reproduction: one touch's tolerant codes open the vault or do not.
    /// </summary>
    /// <remarks>
    /// One instance is allocated at boot and kept (a few hundred bytes: kernels, parameters, the score).
    /// A touch's working buffers (the capture analysis with its Gabor bank, the vault's decoding state
    /// and the helper data's window, about 23 KB, counted in the evaluation tool's memory report) are
    /// allocated when the touch starts and wiped and dropped when it ends, whatever the outcome, so they
    /// are not live while the session signs (the card's peak heap is during signing, with the touch's
    /// buffers gone; a touch needs less than that peak). The capture's frame is the
    /// working memory for the full-frame stages: normalised, filtered and thinned in place, then
    /// holding the touch's code set (three bytes a code); the helper data can be streamed from flash
    /// (<see cref="IHelperDataSource"/>). What only an enrollment needs (the tally, the genuine
    /// codes, the vault's point tables, about 42 KB) is allocated by the enrollment's first touch and
    /// by <see cref="FinishEnrollment"/>, and wiped and dropped by <see cref="Clear"/>: a
    /// verification session does not carry it, and an enrollment on a fragmented heap fails at its
    /// first touch rather than a verification later.
    /// Security: every buffer is biometric or secret. Reproduce and every enrollment touch wipe the
    /// capture state, the frame included, before returning; the enrollment tally stays only until
    /// <see cref="FinishEnrollment"/> or <see cref="Clear"/>, which the card calls at every session
    /// end. Keys are written into the caller's buffer, never kept here.
    /// </remarks>
    public sealed class FingerKeyExtractor
    {
        /// <summary>Length of the finger key in bytes.</summary>
        public const int KeyLength = 32;

        /// <summary>
        /// Accepted touches one enrollment takes on the card (the count the phone is told). Seven: every
        /// touch adds codes of another part of the finger to the vault's genuine points, which lowers the
        /// genuine rejection rate (FVC2002 DB1_B crops, leave one out: 41 of 80 rejected at 7 touches and
        /// K = 22 against 44 at 5 touches and K = 20, and no impostor of 116,600 opened a vault); the
        /// measurements are in firmware/Biometrics/README.md and tools/docs/experiments.md.
        /// </summary>
        public const int EnrollmentTouches = 7;

        /// <summary>
        /// Most enrollment touches an extractor may be built for. Each touch adds its new exact codes
        /// to the <see cref="EnrollmentTally"/>, which keeps at most <see cref="EnrollmentTally.Capacity"/>.
        /// Largest tally measured over every rotation of the evaluation's fingers: 3,527 codes at 7
        /// touches on FVC2002 DB1_B, 3,395 at 7 and 3,818 at 8 on synthetic fingers, while 9 touches
        /// filled it in 5 of 260 synthetic enrollments.
        /// </summary>
        internal const int MaxEnrollmentTouches = 8;

        /// <summary>Touches that must show a code before it joins the vault.</summary>
        public const int MinAgreement = 1;

        /// <summary>Most genuine points in a vault (<see cref="GenuineSelection"/> picks them; 400 of FuzzyVault.Size = 1,700 points).</summary>
        public const int MaxGenuine = 400;



        /// <summary>
        /// Most codes the frame can hold for one capture (three bytes apiece once its minutiae are
        /// extracted): the ceiling of <see cref="MaxTouchCodes"/>.
        /// </summary>
        public const int MaxCodes = 8192;

        /// <summary>
        /// Most tolerant codes one touch may present (a capture yielding more loses its least reliable
        /// minutiae until its codes fit, <see cref="TripletEncoder.EncodeFitting"/>); the same minutiae
        /// give an enrollment touch's exact codes. This bounds what one touch can unlock of any vault: an
        /// impostor's score grows with the codes it presents, and capacitive captures present nearly the
        /// whole 8,192-code buffer. Measured (leave one out, K = 20, 5-touch enrollment; `eval --cap`):
        /// synthetic capacitive fingers' highest impostor score 26 points at 8,192 codes (2 of 5,688
        /// impostors opened a vault), 15 at 4,096 (none), 9 at 2,048; FVC2002 DB1_B crops 13 at 8,192
        /// and 8 at 4,096, at a cost in genuine rejections (FRR 42.5 % to 55.0 % on FVC, 5.0 % to
        /// 17.5 % on capacitive synthetic fingers): see firmware/Biometrics/README.md.
        /// </summary>
        public const int MaxTouchCodes = 4096;

        private readonly IImageKernels _imageKernels;
        private readonly ICodeKernels _codeKernels;
        private readonly int _k;
        private EnrollmentTally _tally;

        // A touch's working state: allocated by StartTouch / StartLock, wiped and dropped by ClearCapture / EndTouch.
        private CaptureAnalyzer _analyzer;
        private FuzzyVault _vault;
        private HelperData _helper;
        private int _lastUnlocked;
        private readonly CodeBuffer _codes = new CodeBuffer();
        private uint[] _genuine;
        private readonly int[] _bins = new int[6];
        private readonly float[] _fractions = new float[6];
        private readonly int _requiredTouches;
        private readonly int _maxTouchCodes;
        private int _tallyCapacity = EnrollmentTally.Capacity;
        private int _accepted;

        /// <summary>The card's extractor (vault of <see cref="FuzzyVault.DefaultK"/> coefficients).</summary>
        public FingerKeyExtractor()
            : this(FuzzyVault.DefaultK)
        {
        }

        /// <summary>
        /// The card's extractor with its image stages and the stages after the skeleton in the native module <paramref name="imageKernels"/>
        /// (cffinger.h; the same outputs as the managed reference), or in managed code when it is null.
        /// </summary>
        public FingerKeyExtractor(CardFirmware.Crypto.Native.INativeModule imageKernels)
            : this(FuzzyVault.DefaultK, EnrollmentTouches, MaxTouchCodes, KernelsOver(imageKernels), CodeKernelsOver(imageKernels))
        {
        }

        /// <summary>An extractor whose vaults need <paramref name="k"/> genuine points (the evaluation sweeps it for the DET curve).</summary>
        internal FingerKeyExtractor(int k)
            : this(k, EnrollmentTouches)
        {
        }

        /// <summary>
        /// An extractor whose vaults need <paramref name="k"/> genuine points and whose enrollments take
        /// <paramref name="enrollmentTouches"/> accepted touches (1 to <see cref="MaxEnrollmentTouches"/>;
        /// the evaluation compares enrollment counts with it).
        /// </summary>
        /// <exception cref="BiometricException">BadArgument for a touch count out of range.</exception>
        internal FingerKeyExtractor(int k, int enrollmentTouches)
            : this(k, enrollmentTouches, MaxTouchCodes, ManagedImageKernels.Instance, ManagedCodeKernels.Instance)
        {
        }

        /// <summary>
        /// As <see cref="FingerKeyExtractor(int, int)"/>, with at most <paramref name="maxTouchCodes"/>
        /// tolerant codes per touch (MaxVariants to <see cref="MaxCodes"/>; the evaluation sweeps it), the
        /// image stages on <paramref name="kernels"/> and the stages after the skeleton (codes, vault scan,
        /// chaff) on <paramref name="codeKernels"/>.
        /// </summary>
        /// <exception cref="BiometricException">BadArgument for a touch count or code cap out of range, or missing kernels.</exception>
        internal FingerKeyExtractor(int k, int enrollmentTouches, int maxTouchCodes, IImageKernels kernels, ICodeKernels codeKernels)
        {
            if (kernels == null || codeKernels == null)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _imageKernels = kernels;
            _codeKernels = codeKernels;
            if (enrollmentTouches < 1 || enrollmentTouches > MaxEnrollmentTouches
                || maxTouchCodes < TripletEncoder.MaxVariants || maxTouchCodes > MaxCodes
                || k < HelperData.MinK || k > HelperData.MaxK)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            _k = k;
            _requiredTouches = enrollmentTouches;
            _maxTouchCodes = maxTouchCodes;
        }

        /// <summary>Most tolerant codes one touch may present with this extractor (<see cref="MaxTouchCodes"/> for the card's).</summary>
        internal int TouchCodeCap
        {
            get { return _maxTouchCodes; }
        }

        private static IImageKernels KernelsOver(CardFirmware.Crypto.Native.INativeModule module)
        {
            return module == null ? (IImageKernels)ManagedImageKernels.Instance : new NativeImageKernels(module);
        }

        private static ICodeKernels CodeKernelsOver(CardFirmware.Crypto.Native.INativeModule module)
        {
            return module == null ? (ICodeKernels)ManagedCodeKernels.Instance : new NativeCodeKernels(module);
        }

        /// <summary>Accepted touches an enrollment with this extractor takes (<see cref="EnrollmentTouches"/> for the card's).</summary>
        public int RequiredTouches
        {
            get { return _requiredTouches; }
        }

        /// <summary>Genuine points a touch must unlock (the vault's polynomial coefficients).</summary>
        internal int K
        {
            get { return _k; }
        }

        /// <summary>Fewest genuine points that make a vault worth locking: twice the polynomial's coefficients.</summary>
        public int MinGenuine
        {
            get { return 2 * _k; }
        }

        /// <summary>Why the last capture was refused by the quality gate (None when it was not).</summary>
        public QualityError LastQuality { get; private set; }

        /// <summary>Genuine points in the vault the last <see cref="FinishEnrollment"/> locked (the evaluation's entropy estimate reads it).</summary>
        internal int LastGenuineCount { get; private set; }

        /// <summary>Vault points the last verification touch unlocked (0 for a poor capture): its match score, for the evaluation's security margin.</summary>
        internal int LastUnlockedPoints
        {
            get { return _lastUnlocked; }
        }

        /// <summary>
        /// Distinct codes the tally of the last complete enrollment held (at most
        /// <see cref="EnrollmentTally.Capacity"/>, where a touch's further new codes are dropped; the
        /// evaluation reports the largest, so a tally that fills does not go unnoticed).
        /// </summary>
        internal int LastTallyCount { get; private set; }

        /// <summary>Enrollment touches accepted since the last <see cref="Clear"/>.</summary>
        public int EnrollmentTouchesAccepted
        {
            get { return _accepted; }
        }

        /// <summary>
        /// Adds one enrollment touch (<paramref name="frame"/>: a 36,864-byte array, never the native module's
        /// resident frame, since the enrollment tally reads the touch's codes from it; consumed: used as working
        /// memory and wiped). Returns the
        /// quality refusal (the touch is then not counted), or None when it was accepted.
        /// </summary>
        public QualityError AddEnrollmentTouch(byte[] frame)
        {
            if (frame == null || frame.Length != FrameGeometry.FrameSize)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            try
            {
                if (_accepted >= _requiredTouches)
                {
                    throw new BiometricException(BiometricError.BadArgument);
                }

                if (_tally == null)
                {
                    _tally = new EnrollmentTally(_tallyCapacity);
                }

                _analyzer = new CaptureAnalyzer(_imageKernels);
                QualityError quality = Analyse(frame);
                if (quality == QualityError.None)
                {
                    // Tolerant codes confirm what earlier touches showed; then the same buffer takes
                    // the exact codes that are new (one code buffer, not two, on the card's heap).
                    _tally.Confirm(_codes, Encode(frame, true));
                    _tally.AddNew(_codes, Encode(frame, false));
                    _accepted++;
                }

                return quality;
            }
            finally
            {
                ClearCapture();
                Wipe.Bytes(frame);
            }
        }

        /// <summary>
        /// Ends enrollment: locks a fresh key (written to <paramref name="key"/>, 32 bytes) under the
        /// agreed codes, seeded by <paramref name="entropy"/> (32 bytes), and returns the helper data.
        /// The tally is wiped whatever the outcome.
        /// </summary>
        /// <exception cref="BiometricException">EnrollmentIncomplete; NotDistinctive when the touches agreed on too few codes; BadArgument.</exception>
        public byte[] FinishEnrollment(byte[] entropy, byte[] key)
        {
            try
            {
                if (entropy == null || entropy.Length != HmacDrbg.MinEntropyLength || key == null || key.Length != KeyLength)
                {
                    throw new BiometricException(BiometricError.BadArgument);
                }

                if (_accepted < _requiredTouches)
                {
                    throw new BiometricException(BiometricError.EnrollmentIncomplete);
                }

                LastTallyCount = _tally.Count;

                _genuine = new uint[MaxGenuine];
                int genuine = GenuineSelection.Select(_tally, MinAgreement, _genuine, MaxGenuine);
                if (genuine < MinGenuine)
                {
                    throw new BiometricException(BiometricError.NotDistinctive);
                }

                LastGenuineCount = genuine;
                CodeSet.Sort(_genuine, null, genuine);
                StartVault();
                _vault.Lock(_genuine, genuine, entropy, _helper, key);
                return _helper.ToBytes();
            }
            finally
            {
                Clear();
            }
        }

        /// <summary>
        /// Reproduces the enrolled key from one touch (<paramref name="frame"/>, consumed: used as
        /// working memory and wiped) and the
        /// enrollment's <paramref name="helperData"/>; writes it to <paramref name="key"/> (32 bytes)
        /// only on <see cref="ReproduceOutcome.Reproduced"/>.
        /// </summary>
        /// <exception cref="BiometricException">HelperDataMalformed / HelperDataVersion before any biometric work; BadArgument.</exception>
        public ReproduceOutcome Reproduce(byte[] frame, byte[] helperData, byte[] key)
        {
            CheckReproduce(frame, key);
            try
            {
                StartTouch();
                _helper.Parse(helperData);
                return Open(frame, key);
            }
            finally
            {
                EndTouch(frame);
            }
        }

        /// <summary>
        /// As <see cref="Reproduce(byte[], byte[], byte[])"/>, reading the helper data from
        /// <paramref name="helperData"/> a few points at a time (the card streams it from flash:
        /// the 9,012 bytes are never in RAM at once). The source is read twice, to validate and to unlock.
        /// </summary>
        /// <exception cref="BiometricException">HelperDataMalformed / HelperDataVersion (before any biometric work, or if the source changes between its two reads); BadArgument.</exception>
        public ReproduceOutcome Reproduce(byte[] frame, IHelperDataSource helperData, byte[] key)
        {
            CheckReproduce(frame, key);
            try
            {
                StartTouch();
                _helper.Parse(helperData);
                return Open(frame, key);
            }
            finally
            {
                EndTouch(frame);
            }
        }

        // A verification's working state: the capture analysis, the vault's decoding state, the helper data's window.
        private void StartTouch()
        {
            _lastUnlocked = 0;
            _analyzer = new CaptureAnalyzer(_imageKernels);
            StartVault();
        }

        private void StartVault()
        {
            _vault = new FuzzyVault(_k, _codeKernels);
            _helper = new HelperData(_codeKernels);
        }

        // Every path out of a verification: the capture's analysis, the parsed helper data and the frame are wiped
        // (and the working state dropped).
        private void EndTouch(byte[] frame)
        {
            ClearCapture();
            _imageKernels.WipeFrame(frame);
        }

        /// <summary>
        /// Codes the enrollment tally may hold (<see cref="EnrollmentTally.Capacity"/> on the card). The
        /// evaluation raises it for its full-image touches, which present several sensor windows' codes
        /// each; set before an enrollment's first touch.
        /// </summary>
        internal int TallyCapacity
        {
            get { return _tallyCapacity; }
            set
            {
                if (value < 1 || _tally != null)
                {
                    throw new BiometricException(BiometricError.BadArgument);
                }

                _tallyCapacity = value;
            }
        }

        /// <summary>
        /// An enrollment touch given as its code sets instead of a frame (the evaluation's full-image
        /// touches, whose codes are the union of several sensor windows' codes, each window through
        /// the same image stages and encoder): the tolerant set confirms the tally, the exact set adds
        /// its new codes, as <see cref="AddEnrollmentTouch"/> does with one capture's codes. Both sorted
        /// and distinct.
        /// </summary>
        /// <exception cref="BiometricException">BadArgument when the enrollment is already complete.</exception>
        internal void AddEnrollmentCodes(CodeBuffer tolerant, int tolerantCount, CodeBuffer exact, int exactCount)
        {
            if (_accepted >= _requiredTouches)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            if (_tally == null)
            {
                _tally = new EnrollmentTally(_tallyCapacity);
            }

            _tally.Confirm(tolerant, tolerantCount);
            _tally.AddNew(exact, exactCount);
            _accepted++;
        }

        /// <summary>
        /// A verification touch given as its sorted, distinct tolerant code set (see
        /// <see cref="AddEnrollmentCodes"/>) against <paramref name="helperData"/>; writes the key on
        /// <see cref="ReproduceOutcome.Reproduced"/> only.
        /// </summary>
        /// <exception cref="BiometricException">HelperDataMalformed / HelperDataVersion; BadArgument.</exception>
        internal ReproduceOutcome ReproduceCodes(CodeBuffer tolerant, int tolerantCount, byte[] helperData, byte[] key)
        {
            if (key == null || key.Length != KeyLength || tolerant == null || tolerantCount < 0 || tolerantCount > tolerant.Length)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }

            try
            {
                _lastUnlocked = 0;
                StartVault();
                _helper.Parse(helperData);
                return _vault.Unlock(_helper, tolerant, tolerantCount, key) ? ReproduceOutcome.Reproduced : ReproduceOutcome.NotRecognized;
            }
            finally
            {
                ClearCapture();
            }
        }

        /// <summary>Wipes every buffer, the enrollment in progress included.</summary>
        public void Clear()
        {
            ClearCapture();
            if (_tally != null)
            {
                _tally.Clear();
                _tally = null;
            }

            if (_genuine != null)
            {
                Wipe.Words(_genuine);
                _genuine = null;
            }

            _accepted = 0;
            _lastUnlocked = 0;
        }

        /// <summary>
        /// True if every biometric and secret buffer is zero and the touch's working state is dropped (tests
        /// prove the wipe with it; the heap scans prove nothing of it is left in freed memory).
        /// </summary>
        internal bool IsClear()
        {
            return _analyzer == null && _vault == null && _helper == null && (_tally == null || _tally.IsClear())
                && !_codes.HasStorage && _genuine == null;
        }

        // One touch against the parsed helper data.
        private ReproduceOutcome Open(byte[] frame, byte[] key)
        {
            if (Analyse(frame) != QualityError.None)
            {
                return ReproduceOutcome.PoorCapture;
            }

            return _vault.Unlock(_helper, _codes, Encode(frame, true), key) ? ReproduceOutcome.Reproduced : ReproduceOutcome.NotRecognized;
        }

        private void CheckReproduce(byte[] frame, byte[] key)
        {
            CheckFrame(frame);
            if (key == null || key.Length != KeyLength)
            {
                throw new BiometricException(BiometricError.BadArgument);
            }
        }

        private QualityError Analyse(byte[] frame)
        {
            LastQuality = _analyzer.Analyse(frame);
            return LastQuality;
        }

        // The analysed capture's code set (tolerant or exact) in _codes, sorted and distinct; returns its
        // size. The codes go into the frame: the skeleton in it is no longer needed once the minutiae are out.
        // A capture whose tolerant codes would overflow _codes loses its least reliable minutiae first
        // (enrollment encodes tolerant before exact, so both passes see the same minutiae).
        private int Encode(byte[] frame, bool tolerant)
        {
            _codes.Attach(frame, _maxTouchCodes);
            _codes.Wipe();
            return _codeKernels.Codes(_analyzer.Work.Minutiae, tolerant, _codes, _bins, _fractions);
        }

        // Wipes the touch's working state and drops it (the score stays for the evaluation until Clear).
        private void ClearCapture()
        {
            _codes.Wipe();
            _codes.Detach();
            if (_analyzer != null)
            {
                _analyzer.Clear();
                _analyzer = null;
            }

            if (_vault != null)
            {
                _lastUnlocked = _vault.LastUnlocked;
                _vault.Clear();
                _vault = null;
            }

            if (_helper != null)
            {
                _helper.Clear();
                _helper = null;
            }

            Wipe.Ints(_bins);
            Workspace.WipeFloats(_fractions);
        }

        // A 36,864-byte frame, or with the native kernels the module's resident frame (its zero-length handle).
        private void CheckFrame(byte[] frame)
        {
            if (!_imageKernels.Accepts(frame))
            {
                throw new BiometricException(BiometricError.BadArgument);
            }
        }
    }
}
