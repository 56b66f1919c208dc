using CardFirmware.HalSim.Images;
using CardFirmware.Tools.FingerprintEval;

namespace CardFirmware.FingerprintEval.Tests;

/// <summary>
/// The `pool` study: a dump of one set's codes read back as a population counts each code once per
/// finger, and a vault whose every code is "popular" in the population holds no genuine code, so no
/// touch scores against it.
/// </summary>
public class PoolStudyTests
{
    [Fact]
    public void Population_CountsACodeOncePerFingerWhateverItsTouches()
    {
        var path = Path.Combine(Path.GetTempPath(), "pool-population-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            using (var w = new BinaryWriter(File.Create(path)))
            {
                // finger 1: two touches sharing code 7; finger 2: code 7 again and an exact-only code 9 (not counted).
                WriteTouch(w, 1, 0, [5, 7], [5]);
                WriteTouch(w, 1, 1, [7, 8], []);
                WriteTouch(w, 2, 0, [7], [9]);
            }

            var population = PoolStudy.Population(path);

            Assert.Equal(2, population[7]);
            Assert.Equal(1, population[5]);
            Assert.Equal(1, population[8]);
            Assert.False(population.ContainsKey(9));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Run_PopulationHoldingEveryCodeOfTheSet_LeavesEveryVaultEmpty()
    {
        var fingers = Evaluation.Acquire(new[] { 1, 2, 3 }.Select(f => (f, (IImageSource)new SyntheticImageSource(f), 8)), out _);
        var path = Path.Combine(Path.GetTempPath(), "pool-dump-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            Captured(() => PoolStudy.Dump(fingers, path));
            var output = Captured(() => PoolStudy.Run(fingers, [0], [4096], [400], ["hash", "pop1"], PoolStudy.Population(path)));

            // The card's order keeps up to 400 of each fold's codes; with every code popular (pop1) none is kept.
            Assert.Contains("order hash, genuine at most 400: median vault 400 genuine", output);
            Assert.Contains("order pop1, genuine at most 400: median vault 0 genuine, largest 0", output);
            Assert.Contains("highest impostor scores 0 0 0", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteTouch(BinaryWriter w, int finger, int touch, uint[] tolerant, uint[] exact)
    {
        w.Write(finger);
        w.Write(touch);
        w.Write(tolerant.Length);
        w.Write(exact.Length);
        foreach (var c in tolerant.Concat(exact))
        {
            w.Write(c);
        }
    }

    private static string Captured(Action run)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            run();
            return output.ToString();
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}
