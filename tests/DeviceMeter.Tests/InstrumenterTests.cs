using System.Reflection;
using System.Runtime.Loader;
using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Operations;
using CardFirmware.DeviceMeter.Runtime;
using Mono.Cecil;

namespace CardFirmware.DeviceMeter.Tests;

/// <summary>
/// The meter's counts on a hand-written assembly whose IL is known instruction by instruction.
/// One class: the probe's counters are process-wide.
/// </summary>
public sealed class InstrumenterTests : IDisposable
{
    private const string NativeClear = "M:System.Array.Clear(System.Array,System.Int32,System.Int32)";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meter-fixture-" + Guid.NewGuid().ToString("N"));
    private readonly InstrumentationMap _map;
    private readonly Type _fixture;

    public InstrumenterTests()
    {
        Directory.CreateDirectory(_folder);
        var instrumenter = new Instrumenter(new HashSet<string> { NativeClear }, new Dictionary<string, string> { ["Seal"] = "count" },
            new Dictionary<string, CardTime.Sha256BlockArguments> { ["Many"] = new("messageLength", "count") }, [], ["card"]);
        using (var module = FixtureAssembly.Create())
        {
            instrumenter.Instrument(module, new HashSet<string> { FixtureAssembly.Name });
            module.Write(Path.Combine(_folder, FixtureAssembly.Name + ".dll"));
        }

        _map = instrumenter.Map;
        Probe.Initialize(_map.BlockWeights(), _map.Sites.Count, 1, heapSampleInterval: 1);

        // A context of its own for the fixture; the meter (and so the probe) is shared with this test.
        var context = new AssemblyLoadContext("fixture", isCollectible: true);
        _fixture = context.LoadFromAssemblyPath(Path.Combine(_folder, FixtureAssembly.Name + ".dll")).GetType("Meter.Fixture.Fixture", throwOnError: true)!;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public void Instrumenter_CountsEveryInstructionOfALoopExactly(int n)
    {
        var result = Measure(() => Invoke("Sum", n));

        Assert.Equal(FixtureAssembly.SumIl(n), result.Il);
        Assert.Equal(n * (n - 1) / 2, (int)Invoke("Sum", n));
    }

    [Fact]
    public void Instrumenter_NumbersTheLoopAsFourBlocksWeightedByTheirInstructions()
    {
        var sum = _map.Methods.FindIndex(m => m.StartsWith("Meter.Fixture.Fixture::Sum", StringComparison.Ordinal));

        Assert.Equal([5, 8, 3, 2], _map.Blocks.Where(b => b.Method == sum).Select(b => b.Weight));
    }

    [Fact]
    public void Instrumenter_CountsAllocationsAtNanoClrSizesAndTheNativeCall()
    {
        var result = Measure(() => Invoke("Allocate", 10));

        Assert.Equal(FixtureAssembly.AllocateIl, result.Il);
        Assert.Equal(2, result.Allocations);
        Assert.Equal(36 + 48, result.AllocatedBytes);
        Assert.Equal(1, result.NativeCalls);
        Assert.Equal(1, result.LibraryCalls);
        Assert.Equal(NativeClear, Assert.Single(result.TopNativeTargets).Method);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39984)]
    public void Instrumenter_RecordsTheSizedArgumentOfANativeEntryPointPricedPerByte_AndPassesEveryArgumentOn(int n)
    {
        var returned = 0;
        var result = Measure(() => returned = (int)Invoke("CallSeal", n));

        Assert.Equal((n * 1000) + 7, returned);
        Assert.Equal(1, result.NativeCalls);
        var target = Assert.Single(result.TopNativeTargets).Method;
        Assert.StartsWith("M:CardFirmware.Crypto.Native.INativeModule.Seal", target);
        Assert.Equal(n, result.NativeTargetUnits.SingleOrDefault(b => b.Method == target)?.Il ?? 0);
    }

    [Theory]
    [InlineData(55, 192, 192)]
    [InlineData(56, 3, 6)]
    [InlineData(0, 0, 0)]
    public void Instrumenter_RecordsTheCompressionBlocksOfANativeEntryPointPricedPerBlock_AndPassesEveryArgumentOn(int length, int count, int blocks)
    {
        var returned = 0;
        var result = Measure(() => returned = (int)Invoke("CallMany", length, count));

        Assert.Equal((length * 1000) + count, returned);
        Assert.Equal(1, result.NativeCalls);
        var target = Assert.Single(result.TopNativeTargets).Method;
        Assert.StartsWith("M:CardFirmware.Crypto.Native.INativeModule.Many", target);
        Assert.Equal(blocks, result.NativeTargetUnits.SingleOrDefault(b => b.Method == target)?.Il ?? 0);
    }

    [Fact]
    public void Probe_CountsNothingOutsideTheCardScope()
    {
        var recorder = new OperationRecorder(_map, 10);
        var span = recorder.Begin("phone", "phone side", "test");
        Invoke("Sum", 100);
        Invoke("Allocate", 10);
        var result = span.End();

        Assert.Equal(0, result.Il);
        Assert.Equal(0, result.Allocations);
        Assert.Equal(0, result.NativeCalls);
    }

    [Fact]
    public void Probe_KeepsTheLiveHeapOfWhatTheCardStillHolds()
    {
        object? kept = null;
        var result = Measure(() => kept = Invoke("Allocate", 100));

        // byte[100]: 20 + 100 bytes in 12-byte blocks = 120; the holder: 48.
        Assert.True(result.PeakLiveBytes >= 120 + 48, $"peak {result.PeakLiveBytes}");
        GC.KeepAlive(kept);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private OperationResult Measure(Action action)
    {
        var recorder = new OperationRecorder(_map, 10);
        var span = recorder.Begin("card", "card side", "test");
        Probe.Enter(Probe.CardScope);
        try
        {
            action();
        }
        finally
        {
            Probe.Exit(Probe.CardScope);
        }

        return span.End();
    }

    private object Invoke(string method, params object[] arguments) =>
        _fixture.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
}
