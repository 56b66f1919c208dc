using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card
{
    /// <summary>Tunable limits of the card application. Defaults are the production values.</summary>
    public sealed class CardConfig
    {
        /// <summary>A connected phone that sends nothing for this long is disconnected and the session wiped.</summary>
        public int IdleTimeoutMilliseconds = 60000;

        /// <summary>A message whose fragments stop arriving for this long is dropped.</summary>
        public int ReassemblyTimeoutMilliseconds = 2000;

        /// <summary>Longest message (framed, encrypted) the card accepts or sends: bounds its buffers.</summary>
        public int MaxMessageSize = CardFirmware.Channel.Framing.FrameFormat.DefaultMaxMessageSize;

        /// <summary>Longest the main loop sleeps without looking at its timers (the watchdog tick).</summary>
        public int TickMilliseconds = 1000;

        /// <summary>How often a message whose notification the radio refused is retried.</summary>
        public int BackPressureRetryMilliseconds = 10;

        /// <summary>Radio events the card buffers between two turns of its main loop.</summary>
        public int RadioQueueCapacity = 32;

        /// <summary>Most phones the card keeps bonded.</summary>
        public int MaxBondedPhones = 4;

        /// <summary>How long the card waits for a finger after asking for a touch (LED fast blink).</summary>
        public int TouchTimeoutMilliseconds = 30000;

        /// <summary>
        /// Failed touches in a row that lock the card (persisted; survives reboots): the count
        /// <see cref="Finger.ApprovalPolicy"/> derives from the measured rates.
        /// </summary>
        public int MaxFailedTouches = Finger.ApprovalPolicy.LockoutTouches;

        /// <summary>
        /// The card's arithmetic: hashing, curve and the threshold protocols' vector arithmetic. The
        /// managed reference by default; a card with the native module (crypto/Native) sets
        /// <c>new NativeArithmeticBackend(new InteropNativeModule())</c>, the simulator the P/Invoke one.
        /// The threshold parties take all of it; the channel its point operations and handshake hashing.
        /// </summary>
        public IArithmeticBackend Arithmetic = ManagedArithmeticBackend.Instance;

        /// <summary>
        /// The native module the fingerprint pipeline's image stages run in (crypto/Native cffinger.h:
        /// the same outputs as the managed reference, in a fraction of the card time); null keeps them in
        /// managed code. A card with the module sets <c>new InteropNativeModule()</c>, the simulator the P/Invoke one.
        /// </summary>
        public CardFirmware.Crypto.Native.INativeModule ImageKernels;

        /// <summary>Noise prologue of the production channel; binds the handshake to this product.</summary>
        public string Prologue = "CardFirmware/1";

        /// <summary>
        /// The vendor root key (33 bytes, compressed secp256k1) a certificate chain must end at for
        /// the card to store it (Attestation/InstallCertificateHandler). The default is the
        /// development root, whose private key is SHA-256("CardFirmware/development-vendor-root/1")
        /// and so public: a production build replaces it with the vendor's own.
        /// </summary>
        public byte[] VendorRootPublicKey = new byte[]
        {
            0x03, 0x7a, 0xe6, 0x5e, 0x22, 0x4e, 0x79, 0x52, 0x6e, 0xcd, 0x14, 0xec, 0x01, 0x8c, 0xd0, 0x58, 0x31,
            0x19, 0x05, 0x63, 0xf7, 0x6d, 0x56, 0x96, 0xef, 0x1b, 0x32, 0x33, 0x50, 0x3c, 0xa1, 0xe6, 0x8e,
        };
    }
}
