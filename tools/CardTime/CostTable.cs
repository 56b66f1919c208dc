using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardFirmware.CardTime;

/// <summary>One figure of the cost table: a low/high range, its unit and where it comes from.</summary>
public sealed record CostFigure(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("source")] string Source);

/// <summary>
/// The card's time model (<c>cost-table.json</c>, embedded): IL instructions per second of nanoCLR
/// on an ESP32-S3 and the cost of one managed-to-native call, each a range with its source, and the
/// library methods that are native on the card. The meter and the simulator's card-time column
/// use the same table.
/// </summary>
public sealed class CostTable
{
    /// <summary>The id of the interpreter-throughput figure.</summary>
    public const string IlPerSecondId = "il-per-second";

    /// <summary>The id of the per-call interop figure.</summary>
    public const string InteropCallId = "interop-call-microseconds";

    /// <summary>Creates a table from its figures and native method ids.</summary>
    public CostTable(IReadOnlyList<CostFigure> figures, IReadOnlyCollection<string> nativeMethods, string about, string nativeMethodsSource)
        : this(figures, nativeMethods, about, nativeMethodsSource, null)
    {
    }

    /// <summary>As above, with the native module's per-call work (null: none known).</summary>
    public CostTable(IReadOnlyList<CostFigure> figures, IReadOnlyCollection<string> nativeMethods, string about, string nativeMethodsSource, NativeEntryPoints? nativeEntryPoints)
    {
        NativeEntryPointCosts = nativeEntryPoints;
        Figures = figures;
        NativeMethods = new HashSet<string>(nativeMethods, StringComparer.Ordinal);
        About = about;
        NativeMethodsSource = nativeMethodsSource;
        IlPerSecond = Find(IlPerSecondId);
        InteropCall = Find(InteropCallId);
        if (IlPerSecond.Low <= 0 || IlPerSecond.High < IlPerSecond.Low || InteropCall.Low < 0 || InteropCall.High < InteropCall.Low)
        {
            throw new InvalidDataException("The cost table's ranges must be positive and ordered low <= high.");
        }
    }

    /// <summary>Every figure, as written in the table.</summary>
    public IReadOnlyList<CostFigure> Figures { get; }

    /// <summary>IL instructions per second (low = slow card, high = fast card).</summary>
    public CostFigure IlPerSecond { get; }

    /// <summary>Microseconds per managed-to-native call.</summary>
    public CostFigure InteropCall { get; }

    /// <summary>Documentation-comment ids of the library methods nanoCLR implements natively.</summary>
    public IReadOnlySet<string> NativeMethods { get; }

    /// <summary>What the table is, in a sentence or two.</summary>
    public string About { get; }

    /// <summary>Where the native method list comes from.</summary>
    public string NativeMethodsSource { get; }

    /// <summary>Instructions per call of the native module's entry points and how they become seconds; null when the table has none.</summary>
    public NativeEntryPoints? NativeEntryPointCosts { get; }

    /// <summary>
    /// Per native module entry point priced per byte, the name of its parameter that holds the byte
    /// count (the meter records that argument at every call); empty without a table.
    /// </summary>
    public IReadOnlyDictionary<string, string> NativeSizeArguments =>
        NativeEntryPointCosts?.SizeArguments ?? new Dictionary<string, string>();

    /// <summary>
    /// Per native module entry point priced per SHA-256 compression block, the parameters that give its message
    /// length and message count (the meter turns them into blocks at every call); empty without a table.
    /// </summary>
    public IReadOnlyDictionary<string, Sha256BlockArguments> NativeBlockArguments =>
        NativeEntryPointCosts?.BlockArguments ?? new Dictionary<string, Sha256BlockArguments>();

    /// <summary>
    /// The native module's own work: for every call through <c>INativeModule</c> (targets named by documentation id,
    /// with their call counts), its instructions at the table's clock and cycles per instruction. Zero without a table.
    /// </summary>
    public CardTimeEstimate EstimateNativeWork(IEnumerable<(string Target, long Calls)> nativeTargets) =>
        EstimateNativeWork(nativeTargets.Select(t => (t.Target, t.Calls, 0L)));

    /// <summary>
    /// As above, with the work units each target processed in all, summed over its calls: bytes for an entry point
    /// priced per byte (its sized argument), SHA-256 compression blocks for one priced per block. Such an entry point
    /// costs its instructions per call plus its instructions per unit times the units.
    /// </summary>
    public CardTimeEstimate EstimateNativeWork(IEnumerable<(string Target, long Calls, long Units)> nativeTargets)
    {
        if (NativeEntryPointCosts is null)
        {
            return CardTimeEstimate.Zero;
        }

        double instructions = 0;
        foreach (var (target, calls, units) in nativeTargets)
        {
            const string Prefix = "M:CardFirmware.Crypto.Native.INativeModule.";
            if (!target.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = target[Prefix.Length..];
            var paren = name.IndexOf('(');
            name = paren >= 0 ? name[..paren] : name;
            if (!NativeEntryPointCosts.Instructions.TryGetValue(name, out var perCall))
            {
                throw new InvalidDataException($"The cost table has no instruction count for the native entry point {name}.");
            }

            instructions += perCall * (double)calls;
            if (NativeEntryPointCosts.InstructionsPerByte is { } perByte && perByte.TryGetValue(name, out var perByteCost))
            {
                instructions += perByteCost * (double)units;
            }

            if (NativeEntryPointCosts.InstructionsPerBlock is { } perBlock && perBlock.TryGetValue(name, out var perBlockCost))
            {
                instructions += perBlockCost * (double)units;
            }
        }

        var c = NativeEntryPointCosts;
        return new CardTimeEstimate(instructions * c.CyclesPerInstructionLow / c.ClockHz, instructions * c.CyclesPerInstructionHigh / c.ClockHz);
    }
    /// <summary>
    /// Card time of <paramref name="il"/> IL instructions and <paramref name="nativeCalls"/> native
    /// calls: fast = IL / high IL rate + calls x low call cost; slow = IL / low IL rate + calls x high call cost.
    /// </summary>
    public CardTimeEstimate Estimate(long il, long nativeCalls) => new(
        (il / IlPerSecond.High) + (nativeCalls * InteropCall.Low / 1e6),
        (il / IlPerSecond.Low) + (nativeCalls * InteropCall.High / 1e6));

    /// <summary>The assumptions in a few lines, for a <c>--card-time-assumptions</c> flag.</summary>
    public string Describe()
    {
        var lines = new List<string> { "Estimated card time (ESP32-S3, nanoFramework 1.x), from the cost table:", About, "" };
        foreach (var figure in Figures)
        {
            lines.Add($"- {figure.Id}: {figure.Low:G} to {figure.High:G} {figure.Unit}");
            lines.Add($"  source: {figure.Source}");
        }

        lines.Add($"- native library methods ({NativeMethods.Count}): {NativeMethodsSource}");
        lines.Add("Fast = IL / fastest IL rate + native calls x cheapest call; slow = IL / slowest IL rate + native calls x dearest call.");
        lines.Add("Not included: garbage collection pauses, flash erase/write and radio time (the simulator's virtual clock charges radio and touch time).");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The table embedded in this assembly.</summary>
    public static CostTable Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("cost-table.json")
            ?? throw new InvalidOperationException("cost-table.json is not embedded.");
        return Parse(stream);
    }

    /// <summary>Reads a table in the format of <c>cost-table.json</c>.</summary>
    public static CostTable Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<CostTableFile>(json) ?? throw new InvalidDataException("Empty cost table.");
        return new CostTable(file.Figures, file.NativeMethods.Ids, file.About, file.NativeMethods.Source, file.NativeEntryPoints);
    }

    private CostFigure Find(string id) =>
        Figures.FirstOrDefault(f => f.Id == id) ?? throw new InvalidDataException($"The cost table has no figure '{id}'.");

    private sealed record CostTableFile(
        [property: JsonPropertyName("about")] string About,
        [property: JsonPropertyName("figures")] List<CostFigure> Figures,
        [property: JsonPropertyName("nativeMethods")] NativeMethodList NativeMethods,
        [property: JsonPropertyName("nativeEntryPoints")] NativeEntryPoints? NativeEntryPoints);

    private sealed record NativeMethodList(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("ids")] List<string> Ids);
}

/// <summary>
/// The native module's per-call cost: instructions per call of each <c>INativeModule</c> method (from
/// crypto/Native/count-instructions.sh), and the clock and cycles-per-instruction range that turn them into seconds.
/// </summary>
public sealed record NativeEntryPoints(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("clockHz")] double ClockHz,
    [property: JsonPropertyName("cyclesPerInstructionLow")] double CyclesPerInstructionLow,
    [property: JsonPropertyName("cyclesPerInstructionHigh")] double CyclesPerInstructionHigh,
    [property: JsonPropertyName("instructions")] Dictionary<string, double> Instructions,
    [property: JsonPropertyName("instructionsPerByte")] Dictionary<string, double>? InstructionsPerByte = null,
    [property: JsonPropertyName("sizeArguments")] Dictionary<string, string>? SizeArguments = null,
    [property: JsonPropertyName("instructionsPerBlock")] Dictionary<string, double>? InstructionsPerBlock = null,
    [property: JsonPropertyName("blockArguments")] Dictionary<string, Sha256BlockArguments>? BlockArguments = null);

/// <summary>
/// The parameters of a native entry point priced per SHA-256 compression block: <see cref="Length"/> names the
/// parameter holding one message's length in bytes, <see cref="Messages"/> the one holding how many such messages
/// the call hashes (null: one).
/// </summary>
public sealed record Sha256BlockArguments(
    [property: JsonPropertyName("length")] string Length,
    [property: JsonPropertyName("messages")] string? Messages = null)
{
    /// <summary>
    /// Compression blocks of <paramref name="messages"/> messages of <paramref name="length"/> bytes each: FIPS 180-4
    /// section 5.1.1 pads a message with one 0x80 byte and an 8-byte length to a multiple of 64 bytes, so
    /// (length + 9 + 63) / 64 blocks per message. Zero for a negative argument (the call will refuse it).
    /// </summary>
    public static long Blocks(long length, long messages) => length < 0 || messages < 0 ? 0 : messages * ((length + 72) / 64);
}
