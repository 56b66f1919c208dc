namespace CardFirmware.Fuzz;

/// <summary>A broken invariant that no exception of the card reported (a crash in fuzzing terms).</summary>
internal sealed class FuzzFinding(string message) : Exception(message);
