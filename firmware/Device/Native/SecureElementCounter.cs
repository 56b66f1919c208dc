using System.Runtime.CompilerServices;
using CardFirmware.Hal;

namespace CardFirmware.Device.Native
{
    /// <summary>
    /// <see cref="IOneWayCounter"/> on a monotonic counter of a Microchip ATECC608B secure element on
    /// the card's I2C bus (README.md, "Wiring"). The ESP32-S3 cannot hold such a counter itself:
    /// only BLOCK0's system fields can be burned bit by bit, and the other eFuse blocks are
    /// programmed once as a whole (firmware/README.md, "Hardware-bound secrets"). The ATECC608B's
    /// Counter command (datasheet §"Counter Command"; cryptoauthlib <c>atcab_counter_increment</c>,
    /// <c>atcab_counter_read</c>) has two counters that count up to 2,097,151 and never down.
    /// The API surface has no I2C, so the calls are InternalCalls (README.md, "Native glue").
    /// </summary>
    /// <remarks>Security: the increment is one command of the secure element, complete or absent
    /// after a power cut; <see cref="Increment"/> reads the value back, against a glitch.</remarks>
    public sealed class SecureElementCounter : IOneWayCounter
    {
        /// <summary>The largest value an ATECC608B counter reaches (datasheet, Counter command).</summary>
        public const int MaxValue = 2097151;

        private readonly int _counterId;

        /// <summary>Uses counter <paramref name="counterId"/> (0 or 1) of the secure element.</summary>
        public SecureElementCounter(int counterId)
        {
            if (counterId != 0 && counterId != 1)
            {
                throw new System.ArgumentOutOfRangeException("counterId");
            }

            _counterId = counterId;
        }

        /// <inheritdoc/>
        public int Value
        {
            get
            {
                int value = NativeRead(_counterId);
                if (value < 0)
                {
                    throw new System.InvalidOperationException("secure element");
                }

                return value;
            }
        }

        /// <inheritdoc/>
        public int Capacity
        {
            get { return MaxValue; }
        }

        /// <inheritdoc/>
        public bool Increment()
        {
            int before = Value;
            if (before >= MaxValue)
            {
                return false;
            }

            int after = NativeIncrement(_counterId);
            if (after != before + 1 || Value != after)
            {
                throw new System.InvalidOperationException("secure element");
            }

            return true;
        }

        /// <summary><c>atcab_counter_read</c>: the value, or -1 on a bus or device error.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRead(int counterId);

        /// <summary><c>atcab_counter_increment</c>: the new value, or -1 on a bus or device error.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeIncrement(int counterId);
    }
}
