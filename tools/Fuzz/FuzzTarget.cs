namespace CardFirmware.Fuzz;

/// <summary>
/// One parser of outside bytes under fuzzing. <see cref="Run"/> feeds it one input the way the card
/// meets such bytes and returns normally when the card refused the input with one of the project's
/// typed errors or accepted it; anything else (an untyped exception, a broken invariant reported as
/// <see cref="FuzzFinding"/>, a hang, a process crash) is a finding.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name the command line and the corpus folder use.</summary>
    public abstract string Name { get; }

    /// <summary>One line: which parser, through which entry point.</summary>
    public abstract string Description { get; }

    /// <summary>Runs one input. Deterministic: the same bytes take the same path every time.</summary>
    public abstract void Run(byte[] input);

    /// <summary>Valid inputs made by honest peers (the starting corpus before minimisation).</summary>
    public abstract IEnumerable<(string Name, byte[] Data)> Seeds();
}
