namespace CardFirmware.HalSim.Images;

/// <summary>A core or a delta of a ridge orientation field, in master-pattern pixels (y grows downwards).</summary>
internal readonly record struct Singularity(double X, double Y, bool IsCore);

/// <summary>Henry classes, drawn with roughly their frequency in the population.</summary>
internal enum FingerClass
{
    LeftLoop,
    RightLoop,
    Whorl,
    Arch,
    TentedArch,
}
