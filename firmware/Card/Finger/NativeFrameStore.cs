using CardFirmware.Crypto.Native;
using CardFirmware.Drivers.Fpc1020;

namespace CardFirmware.Card.Finger
{
    /// <summary>
    /// The card's sensor frame in the native module's static RAM (cffinger.h "Resident frame"): the driver's
    /// row batches go there by one module call each (cf_finger_frame_write), the image kernels and the
    /// driver's percentiles read it there (<see cref="Pixels"/> is the module's zero-length handle), and
    /// <see cref="Clear"/> wipes it. So the 36,864 bytes are never on the managed heap. The card's choice
    /// when its image kernels are native; the managed backend keeps a <see cref="ManagedFrameStore"/>.
    /// </summary>
    /// <remarks>Security: biometric; the owner clears it after every touch, whatever the outcome.</remarks>
    public sealed class NativeFrameStore : IFrameStore
    {
        private readonly INativeModule _module;

        /// <summary>The resident frame of <paramref name="module"/> (the card's interop module, or the desktop's P/Invoke one).</summary>
        /// <exception cref="System.ArgumentNullException">When <paramref name="module"/> is null.</exception>
        public NativeFrameStore(INativeModule module)
        {
            if (module == null)
            {
                throw new System.ArgumentNullException("module");
            }

            _module = module;
        }

        /// <inheritdoc/>
        public byte[] Pixels
        {
            get { return ResidentFrame.Handle; }
        }

        /// <inheritdoc/>
        /// <exception cref="System.ArgumentOutOfRangeException">When the module refuses the batch (rows outside the frame, or <paramref name="rows"/> not rowCount x 192 bytes); nothing is written.</exception>
        public void WriteRows(int firstRow, byte[] rows, int rowCount)
        {
            if (rows == null || _module.FingerFrameWrite(rows, firstRow, rowCount) != 0)
            {
                throw new System.ArgumentOutOfRangeException("rowCount");
            }
        }

        /// <inheritdoc/>
        public void Clear()
        {
            _module.FingerFrameClear();
        }

        /// <summary>True if every byte of the resident frame is zero (the tests' proof of the wipe).</summary>
        public bool IsClear()
        {
            return _module.FingerFrameIsClear() == 1;
        }
    }
}
