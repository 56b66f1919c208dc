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

        /// <summary>Failed touches in a row that lock the card (persisted; survives reboots).</summary>
        public int MaxFailedTouches = 5;

        /// <summary>
        /// The card's arithmetic: hashing, curve and the threshold protocols' vector arithmetic. The
        /// managed reference by default; a card with the native module (crypto/Native) sets
        /// <c>new NativeArithmeticBackend(new InteropNativeModule())</c>, the simulator the P/Invoke one.
        /// The threshold parties take all of it; the channel its point operations and handshake hashing.
        /// </summary>
        public IArithmeticBackend Arithmetic = ManagedArithmeticBackend.Instance;

        /// <summary>Noise prologue of the production channel; binds the handshake to this product.</summary>
        public string Prologue = "CardFirmware/1";
    }
}
