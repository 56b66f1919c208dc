using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Where the evaluation's touches come from besides the folder name: the real resolution of a data
/// set's images (FVC folders carry no resolution tag; FVC2002 DB2 is 569 dpi, FVC2004 DB3 512 dpi),
/// and for the synthetic generator how many fingers and which kind of sensor it models.
/// </summary>
internal sealed record EvalSource(double Dpi, int SyntheticFingers, SyntheticSensor Profile);
