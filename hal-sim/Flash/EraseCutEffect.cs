namespace CardFirmware.HalSim.Flash;

/// <summary>What a power cut during a page erase leaves in the page.</summary>
public enum EraseCutEffect
{
    /// <summary>The erase never started: the page keeps its old contents.</summary>
    NotStarted = 0,

    /// <summary>
    /// The erase was interrupted: an erase only moves bits from 0 to 1, so every byte is its old
    /// value with a pseudo-random subset of its bits set (seeded, reproducible).
    /// </summary>
    Partial = 1,

    /// <summary>The page was fully erased but power failed before the operation returned.</summary>
    Completed = 2,
}
