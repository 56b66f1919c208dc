namespace CardFirmware.DeviceMeter.Operations;

/// <summary>One method's share of an operation.</summary>
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
    List<MethodIl> TopNativeTargets,
    string Note);
