using System.Text.Json;
using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Runtime;

namespace CardFirmware.DeviceMeter.Operations;

/// <summary>
/// The entry point inside the metered load context (called by reflection from
/// <see cref="MeteredContext"/>): sizes the probe for the map, runs the operations and returns
/// the results as JSON, the only thing that crosses between the two contexts.
/// </summary>
public static class MeteredRun
{
    /// <summary>Runs every operation with the holder's synthetic <paramref name="finger"/>; returns a JSON array of <see cref="OperationResult"/>.</summary>
    public static string Execute(string instrumentedFolder, int seed, int finger, int topCount, int heapSampleInterval)
    {
        var map = InstrumentationMap.Load(instrumentedFolder);
        Probe.Initialize(map.BlockWeights(), map.Sites.Count, map.Scopes.Count, heapSampleInterval);
        PhoneEntropy.Initialize(seed);
        var recorder = new OperationRecorder(map, topCount);
        new CardOperations(recorder, seed, finger).RunAll();
        return JsonSerializer.Serialize(recorder.Results);
    }
}
