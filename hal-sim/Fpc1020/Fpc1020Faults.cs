namespace CardFirmware.HalSim.Fpc1020;

/// <summary>
/// Fault injection for <see cref="Fpc1020Emulator"/>: each knob produces one error condition of
/// the fact sheet (§9). Knobs named <c>...Once</c> disarm themselves after firing; the others stay
/// until a test turns them off (to show the driver recovers once the fault is gone).
/// </summary>
public sealed class Fpc1020Faults
{
    /// <summary>The IRQ line is never driven high (a broken line or dead chip): IRQ timeouts.</summary>
    public bool NeverRaiseIrq { get; set; }

    /// <summary>After a reset the IRQ line stays low although the chip works: reset not acknowledged.</summary>
    public bool SuppressResetIrq { get; set; }

    /// <summary>Once the IRQ line has gone high it stays high, even after a clearing read: IRQ stuck.</summary>
    public bool IrqStuckHigh { get; set; }

    /// <summary>The finger leaves the sensor halfway through the next capture (lower rows bare).</summary>
    public bool LiftFingerDuringCaptureOnce { get; set; }

    /// <summary>
    /// When set, the next capture puts only this many pixels in the FIFO; reading further
    /// underflows (ERROR bit 0, interrupt bit 2, MISO 0x00), as a short read-out does.
    /// </summary>
    public int? TruncateNextCaptureTo { get; set; }

    /// <summary>When set, the next capture completes with these interrupt flags instead of 0x20.</summary>
    public byte? NextCaptureFlags { get; set; }

    /// <summary>When set, the next wait-for-finger or sleep wake-up completes with these flags instead of 0x81.</summary>
    public byte? NextWakeFlags { get; set; }

    /// <summary>The next command of this code makes the chip reset itself instead (interrupt 0xFF).</summary>
    public byte? SpontaneousResetOnCommand { get; set; }

    /// <summary>Sleep and deep sleep commands are ignored: STATUS keeps showing idle.</summary>
    public bool IgnoreSleepCommands { get; set; }

    /// <summary>
    /// When set, the next read of this register address returns its bytes XORed with
    /// <see cref="GarbleMask"/> (a bit error on MISO).
    /// </summary>
    public byte? GarbleNextReadOf { get; set; }

    /// <summary>XOR mask for <see cref="GarbleNextReadOf"/> and <see cref="GarblePixelIndex"/>.</summary>
    public byte GarbleMask { get; set; } = 0x5A;

    /// <summary>
    /// When set, pixel number n of every read-out is XORed with <see cref="GarbleMask"/>. The
    /// protocol has no checksum, so a driver cannot see this; it exists to test what consumes images.
    /// </summary>
    public int? GarblePixelIndex { get; set; }
}
