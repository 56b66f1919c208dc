namespace CardFirmware.DeviceMeter.Operations;

/// <summary>One method's (or type's, or native target's) share of an operation: IL, or calls for a native target.</summary>
public sealed record MethodIl(string Method, long Il);

/// <summary>What the card executed for one named operation.</summary>
public sealed record OperationResult(
    string Id,
    string Title,
    string Route,
    long Il,
    long NativeCalls,
    long LibraryCalls,
    long Allocations,
    long AllocatedBytes,
    long PeakLiveBytes,
    List<MethodIl> TopMethods,
    List<MethodIl> TopTypes,
    List<MethodIl> TopNativeTargets,
    string Note)
{
    /// <summary>
    /// Per native target priced per unit of work, the units its calls processed in all (Il = units): bytes for an entry
    /// point priced per byte, SHA-256 compression blocks for one priced per block (the cost table says which).
    /// </summary>
    public List<MethodIl> NativeTargetUnits { get; init; } = [];

    /// <summary>Native calls by calling card method and target, most first (Il = calls).</summary>
    public List<MethodIl> TopNativeCallers { get; init; } = [];

    /// <summary>At the operation's peak live heap sample: live bytes by allocation site ("type in method"), largest first (Il = bytes).</summary>
    public List<MethodIl> PeakLiveBySite { get; init; } = [];

    /// <summary>Where the card was when the peak sample was taken: the method whose allocation took it, or the operation's end.</summary>
    public string PeakPhase { get; init; } = string.Empty;
}
