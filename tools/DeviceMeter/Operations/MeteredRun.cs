using System.Text.Json;
using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Runtime;
using CardFirmware.HalSim.Images;

namespace CardFirmware.DeviceMeter.Operations;

/// <summary>
/// The entry point inside the metered load context (called by reflection from
/// <see cref="MeteredContext"/>): sizes the probe for the map, runs the operations and returns
/// the results as JSON, the only thing that crosses between the two contexts.
/// </summary>
public static class MeteredRun
{
    /// <summary>
    /// Runs every operation with the holder's <paramref name="finger"/>: a synthetic finger, or
    /// the finger of that number in the FVC-layout folder <paramref name="fvcFolder"/> if given;
    /// only the firmware's operations if <paramref name="firmwareOnly"/>; the firmware's
    /// arithmetic on the native module if <paramref name="nativeFirmware"/>; returns a JSON array of
    /// <see cref="OperationResult"/>.
    /// </summary>
    public static string Execute(string instrumentedFolder, int seed, int finger, string? fvcFolder, bool firmwareOnly, bool nativeFirmware, int topCount, int heapSampleInterval)
    {
        IImageSource source = fvcFolder is null ? new SyntheticImageSource(finger) : FvcDataset.Open(fvcFolder).SourceFor(finger);
        var map = InstrumentationMap.Load(instrumentedFolder);
        Probe.Initialize(map.BlockWeights(), map.Sites.Count, map.Scopes.Count, heapSampleInterval);
        PhoneEntropy.Initialize(seed);
        var recorder = new OperationRecorder(map, topCount);
        new CardOperations(recorder, seed, source, nativeFirmware).RunAll(firmwareOnly);
        return JsonSerializer.Serialize(recorder.Results);
    }
}
