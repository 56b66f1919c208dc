using System.Reflection;
using CardFirmware.Tests.Shared;

namespace CardFirmware.Channel.Tests.Noise;

/// <summary>Checks that every value transcribed into <see cref="Bolt8Vectors"/> appears verbatim in BOLT #8 Appendix A.</summary>
public class Bolt8TranscriptionTests
{
    [SkippableFact]
    public void EveryTranscribedValue_AppearsInTheAppendix()
    {
        var appendix = File.ReadAllText(SharedData.RequireFile("vectors/bolt8/appendix-a-transport-test-vectors.md")).ToLowerInvariant();
        var fields = typeof(Bolt8Vectors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        Assert.True(fields.Count > 40);
        foreach (var field in fields)
        {
            var value = (string)field.GetRawConstantValue()!;
            Assert.True(appendix.Contains(value, StringComparison.Ordinal), $"{field.Name} not found in BOLT #8 Appendix A");
        }
    }
}
