using System.Collections.Concurrent;
using CardFirmware.Provider.Storage;

namespace CardFirmware.ProviderLoad;

/// <summary>How one flow of the fault drill ended, as its client saw it.</summary>
public sealed record FlowOutcome(string Kind, string? Detail = null)
{
    /// <summary>Finished without the provider ever failing to answer.</summary>
    public static readonly FlowOutcome Finished = new("finished");

    /// <summary>Finished after resuming at least one call the provider did not answer.</summary>
    public static readonly FlowOutcome Resumed = new("resumed");

    /// <summary>Finished: the client had given up, and its abort found the provider's last round committed.</summary>
    public static readonly FlowOutcome FinishedOnAbort = new("finished on abort");

    /// <summary>The provider had ended the session (expired, or aborted) when the client came back.</summary>
    public static readonly FlowOutcome EndedByProvider = new("ended by the provider");

    /// <summary>The client gave up resuming and its abort was answered: the session aborted, or unknown to the provider (its open never reached it).</summary>
    public static readonly FlowOutcome GaveUpAborted = new("gave up, aborted");

    /// <summary>The client gave up resuming and could not reach the provider to abort either: the provider's expiry ends it.</summary>
    public static readonly FlowOutcome GaveUpUnreachable = new("gave up, abort unreachable");

    /// <summary>The simulated phone vanished mid-session: the provider's expiry ends it.</summary>
    public static readonly FlowOutcome Vanished = new("vanished");

    public static FlowOutcome Refused(string reason) => new("refused", reason);

    public static FlowOutcome Failed(string what) => new("failed", what);
}

/// <summary>What the fault drill saw: flows by outcome, sessions by state, and the checks.</summary>
public sealed class FaultReport
{
    public int Kills { get; init; }

    public ConcurrentDictionary<string, int> KilledDuring { get; } = new();

    /// <summary>Flows by operation and outcome kind.</summary>
    public ConcurrentDictionary<(string Op, string Kind), int> Flows { get; } = new();

    public ConcurrentBag<string> Failures { get; } = [];

    public IReadOnlyDictionary<SessionState, int> SessionStates { get; set; } = new Dictionary<SessionState, int>();

    public List<string> Problems { get; } = [];

    public int EndedHoldingSecrets { get; set; }

    public int RoundsCommittedTwice { get; set; }

    public int WalletsChecked { get; set; }

    public int WalletsSigning { get; set; }

    public bool Passed => Failures.IsEmpty && Problems.Count == 0;

    /// <summary>Flows that ended as <paramref name="kind"/>, over all operations.</summary>
    public int Count(string kind) => Flows.Where(kv => kv.Key.Kind == kind).Sum(kv => kv.Value);

    public void Record(string op, FlowOutcome outcome)
    {
        Flows.AddOrUpdate((op, outcome.Detail is null ? outcome.Kind : outcome.Kind + " " + outcome.Detail), 1, (_, n) => n + 1);
        if (outcome.Kind == "failed")
        {
            Failures.Add(op + ": " + outcome.Detail);
        }
    }

    public void Print(TextWriter o)
    {
        var ended = Count("finished") + Count("resumed") + Count("finished on abort");
        o.WriteLine($"{Kills} SIGKILLs of the provider; flows in flight at the kills: " + Join(KilledDuring.OrderBy(kv => kv.Key).Select(kv => kv.Key + " " + kv.Value)));
        foreach (var op in Flows.Keys.Select(k => k.Op).Distinct().Order())
        {
            o.WriteLine($"  {op,-20} " + Join(Flows.Where(kv => kv.Key.Op == op).OrderBy(kv => kv.Key.Kind).Select(kv => kv.Key.Kind + " " + kv.Value)));
        }

        o.WriteLine($"flows: {ended} finished ({Count("resumed")} resumed after the provider went down, {Count("finished on abort")} found finished by their abort), "
            + $"{Count("ended by the provider")} found ended by the provider, {Count("gave up, aborted")} gave up and aborted, "
            + $"{Count("gave up, abort unreachable")} gave up with the provider unreachable, {Count("vanished")} vanished mid-session, "
            + $"{Flows.Where(kv => kv.Key.Kind.StartsWith("refused", StringComparison.Ordinal)).Sum(kv => kv.Value)} refused, {Failures.Count} failed");
        o.WriteLine($"sessions resumed: {Count("resumed") + Count("finished on abort")}; sessions aborted: {State(SessionState.Aborted)} (by their client or a failed check), "
            + $"{State(SessionState.Expired)} expired by the provider; sessions left open: {State(SessionState.Open)}; done: {State(SessionState.Done)}");
        o.WriteLine($"checks: {WalletsChecked} wallets, one stored share each with the card's and phone's key id; rounds committed twice: {RoundsCommittedTwice}; "
            + $"ended sessions holding secrets: {EndedHoldingSecrets}; stored shares that signed with phone+provider and card+provider: {WalletsSigning}/{WalletsChecked}");
        foreach (var f in Failures)
        {
            o.WriteLine("FAILED " + f);
        }

        foreach (var p in Problems)
        {
            o.WriteLine("CHECK FAILED " + p);
        }

        o.WriteLine(Passed ? "all checks passed" : $"{Failures.Count} failed flows, {Problems.Count} failed checks");
    }

    private int State(SessionState s) => SessionStates.GetValueOrDefault(s);

    private static string Join(IEnumerable<string> parts) => parts.Any() ? string.Join(", ", parts) : "none";
}
