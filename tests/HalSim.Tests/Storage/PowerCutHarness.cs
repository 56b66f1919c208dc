using CardFirmware.HalSim.Flash;

namespace CardFirmware.HalSim.Tests.Storage;

/// <summary>
/// Runs one operation (mount + an update, say) over and over on copies of the same flash image,
/// cutting the power at every byte it programs (once cleanly, once with the byte at the cut
/// partially programmed), at every erase it performs (with each <see cref="EraseCutEffect"/>) and
/// at every write call torn the way a real chip tears a program page (<see cref="TornWriteSeeds"/>
/// random bit patterns each), and hands each wreck, powered on again, to a check.
/// </summary>
internal static class PowerCutHarness
{
    /// <summary>Random tear patterns tried per write call.</summary>
    public const int TornWriteSeeds = 4;

    /// <summary>Cut points tried by one sweep.</summary>
    public sealed record Sweep(long BytesProgrammed, long Erases, long Writes, int CutsTried);

    /// <param name="image">The flash before the operation; never modified.</param>
    /// <param name="operation">What the firmware does on the fresh board (it mounts the log itself).</param>
    /// <param name="afterReboot">Checks the flash after power returns; called for every cut and for the uncut run.</param>
    public static Sweep Run(SimFlash image, Action<SimFlash> operation, Action<SimFlash, string> afterReboot)
    {
        var probe = image.Clone();
        var bytesBefore = probe.BytesWritten;
        var erasesBefore = probe.Erases;
        var writesBefore = probe.WriteCalls;
        operation(probe);
        var bytes = probe.BytesWritten - bytesBefore;
        var erases = probe.Erases - erasesBefore;
        var writes = probe.WriteCalls - writesBefore;
        afterReboot(probe, "no cut");

        var cuts = 0;
        for (long n = 0; n < bytes; n++)
        {
            foreach (var partial in new[] { false, true })
            {
                var flash = image.Clone(seed: (int)n + 1);
                flash.ArmCutAfterBytes(n, partial);
                CutAndCheck(flash, operation, afterReboot, $"cut after {n} of {bytes} bytes (partial byte: {partial})");
                cuts++;
            }
        }

        for (long e = 0; e < erases; e++)
        {
            foreach (var effect in Enum.GetValues<EraseCutEffect>())
            {
                var flash = image.Clone(seed: (int)e + 7);
                flash.ArmCutAtErase(e, effect);
                CutAndCheck(flash, operation, afterReboot, $"cut at erase {e} of {erases} ({effect})");
                cuts++;
            }
        }

        for (long w = 0; w < writes; w++)
        {
            for (var seed = 1; seed <= TornWriteSeeds; seed++)
            {
                var flash = image.Clone(seed: (int)(w * 31 + seed));
                flash.ArmTornWrite(w);
                CutAndCheck(flash, operation, afterReboot, $"write {w} of {writes} torn (pattern {seed})");
                cuts++;
            }
        }

        return new Sweep(bytes, erases, writes, cuts);
    }

    private static void CutAndCheck(SimFlash flash, Action<SimFlash> operation, Action<SimFlash, string> afterReboot, string where)
    {
        var cut = Assert.Throws<PowerLossException>(() => operation(flash));
        Assert.NotNull(cut);
        flash.PowerOn();
        afterReboot(flash, where);
    }
}
