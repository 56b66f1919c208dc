using System.Text.Json;

namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>What a counter site is.</summary>
public enum SiteKind
{
    /// <summary>newobj of a class, newarr or box: an object on the managed heap.</summary>
    Allocation,

    /// <summary>A call into a base-class-library method that nanoCLR implements natively (InternalCall).</summary>
    NativeCall,

    /// <summary>A call into a base-class-library method that nanoCLR runs as managed IL (not counted as card IL).</summary>
    ManagedLibraryCall,
}

/// <summary>One basic block: its method and how many IL instructions it holds.</summary>
public sealed record BlockInfo(int Method, int Weight);

/// <summary>One counter site: its kind, the method it is in, and what it allocates or calls.</summary>
public sealed record SiteInfo(SiteKind Kind, int Method, string Target);

/// <summary>
/// Everything the instrumenter numbered: methods, basic blocks (with their IL instruction counts),
/// counter sites and scopes. Written next to the instrumented assemblies; block and site ids are
/// indices into these lists, assigned in a fixed order (assembly list, then metadata order), so the
/// same build gives the same map.
/// </summary>
public sealed record InstrumentationMap(
    List<string> Methods,
    List<BlockInfo> Blocks,
    List<SiteInfo> Sites,
    List<string> Scopes)
{
    /// <summary>The file name of the map in the instrumented folder.</summary>
    public const string FileName = "instrumentation-map.json";

    /// <summary>Block weights as the probe needs them.</summary>
    public int[] BlockWeights() => Blocks.Select(b => b.Weight).ToArray();

    /// <summary>Writes the map into <paramref name="folder"/>.</summary>
    public void Save(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this));

    /// <summary>Reads the map from <paramref name="folder"/>.</summary>
    public static InstrumentationMap Load(string folder) =>
        JsonSerializer.Deserialize<InstrumentationMap>(File.ReadAllText(Path.Combine(folder, FileName)))
        ?? throw new InvalidDataException("The instrumentation map is empty.");
}
