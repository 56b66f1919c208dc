using CardFirmware.Fuzz;
using CardFirmware.Fuzz.Targets;

namespace CardFirmware.Fuzz.Tests;

/// <summary>
/// CI's share of the fuzzing: every input of the kept corpus (minimised afl++ queues, crash
/// reproducers included) runs again through the target it was found with, uninstrumented. A parser
/// change that makes any of them crash, hang past xunit's patience or break a target's invariant fails here.
/// </summary>
public class CorpusReplayTests
{
    public static TheoryData<string> TargetNames()
    {
        var names = new TheoryData<string>();
        foreach (var target in TargetList.All())
        {
            names.Add(target.Name);
        }

        return names;
    }

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(TargetNames))]
    public void CorpusInputs_AreRefusedByTypeOrAccepted_NeverCrash(string name)
    {
        var target = TargetList.Find(name)!;
        var folder = Path.Combine(RepoRoot(), "tools", "Fuzz", "corpus", name);
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        var findings = new List<string>();
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                findings.Add(Path.GetFileName(file) + ": " + e.GetType().Name + ": " + e.Message);
            }
        }

        Assert.NotEmpty(files);
        Assert.Empty(findings);
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void HonestSeeds_RunWithoutFindings(string name)
    {
        var target = TargetList.Find(name)!;
        var seeds = target.Seeds().ToList();

        Assert.NotEmpty(seeds);
        foreach (var (_, data) in seeds)
        {
            target.Run(data);
        }
    }

    [Fact]
    public void Chunks_SplitReturnsWhatJoinWrote()
    {
        byte[][] chunks = [[1, 2, 3], [], new byte[300]];

        var split = Chunks.Split(Chunks.Join([9], chunks), 1);

        Assert.Equal(chunks, split);
    }

    [Fact]
    public void Chunks_ShortLastChunkTakesWhatIsLeft()
    {
        var split = Chunks.Split([0, 10, 1, 2], 0);

        Assert.Equal([new byte[] { 1, 2 }], split);
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CardFirmware.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("CardFirmware.sln not found above " + AppContext.BaseDirectory);
    }
}
