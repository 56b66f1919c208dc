using Xunit.Abstractions;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Native.Tests;

/// <summary>Runs one operation on both backends and records every disagreement.</summary>
public sealed class Differential(IArithmeticBackend native)
{
    private readonly List<string> failures = [];

    public int Cases { get; private set; }

    public int Errors { get; private set; }

    /// <summary>
    /// Runs <paramref name="call"/> on both backends. Outputs must be byte-identical; when one
    /// throws, the other must throw too, with the same error unless <paramref name="sameErrorKind"/> is false
    /// (point decoding: libsecp256k1 does not tell a bad encoding from a point off the curve).
    /// </summary>
    public void Check(string what, Func<IArithmeticBackend, byte[]> call, bool sameErrorKind = true)
    {
        Cases++;
        var m = Outcome.Of(() => call(Backends.Managed));
        var n = Outcome.Of(() => call(native));
        if (m.Error is not null || n.Error is not null)
        {
            Errors++;
            var agree = m.Error is not null && n.Error is not null && (!sameErrorKind || m.Error == n.Error);
            if (!agree && failures.Count < 10)
            {
                failures.Add($"{what}: managed {m}, native {n}");
            }

            return;
        }

        if (!m.Bytes!.AsSpan().SequenceEqual(n.Bytes) && failures.Count < 10)
        {
            failures.Add($"{what}: managed {m}, native {n}");
        }
    }

    public void AssertAgreed(int expectedCases, ITestOutputHelper output, string name)
    {
        output.WriteLine($"{name}: {Cases} cases ({Errors} rejected by both), {failures.Count} disagreements");
        Assert.Empty(failures);
        Assert.Equal(expectedCases, Cases);
    }
}
